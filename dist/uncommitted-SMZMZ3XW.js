import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-CXGRHNFJ.js";import"./chunk-X5VMTHIS.js";import"./chunk-RWYJ62ZJ.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as uncommittedChanges,b as uncommittedWarning};
