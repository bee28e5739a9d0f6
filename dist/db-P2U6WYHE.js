import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c}from"./chunk-GU5CAYGD.js";import"./chunk-JIAG4PFQ.js";export{a as embeddedDbDir,b as openDb,c as redactUrl};
