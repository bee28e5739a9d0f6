import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c}from"./chunk-ADJ5H3CN.js";import"./chunk-JIAG4PFQ.js";export{c as findStepByNumber,a as stepNumber,b as stepProgress};
