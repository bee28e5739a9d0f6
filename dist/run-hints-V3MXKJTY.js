import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b}from"./chunk-GUMC2ZEO.js";import"./chunk-H6XXKSXA.js";import"./chunk-JIAG4PFQ.js";export{a as cliHint,b as sessionArgs};
