import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{d as a,e as b,f as c,g as d}from"./chunk-BQEKLPQ4.js";import"./chunk-IVIAAG62.js";import"./chunk-JIAG4PFQ.js";export{b as describeDb,d as registerDb,a as storeOptions,c as withDb};
