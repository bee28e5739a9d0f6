import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c}from"./chunk-ZARSTA7Z.js";import"./chunk-V5TB7GOR.js";import"./chunk-KFDHDWNQ.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as ARCHIVE_ITEM_TYPES,c as archiveAdd,b as repoRelative};
