import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-RJPIR2LR.js";import"./chunk-JIAG4PFQ.js";export{b as closest,a as closestIds};
