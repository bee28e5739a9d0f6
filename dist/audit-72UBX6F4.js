import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-MGI2B7I2.js";import"./chunk-SAT2O3LV.js";import"./chunk-V5TB7GOR.js";import"./chunk-KFDHDWNQ.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as auditArchive};
