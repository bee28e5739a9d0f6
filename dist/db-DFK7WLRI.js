import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c}from"./chunk-A6DBBGDX.js";import"./chunk-JIAG4PFQ.js";export{a as embeddedDbDir,b as openDb,c as redactUrl};
