import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-AG2PEGF5.js";import"./chunk-45S5342M.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as uncommittedChanges,b as uncommittedWarning};
