import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d}from"./chunk-GXENJFU7.js";import"./chunk-DSAIRR56.js";import"./chunk-JIAG4PFQ.js";export{b as describeDb,d as registerDb,a as storeOptions,c as withDb};
