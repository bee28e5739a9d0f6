import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-HL6MI2IU.js";import"./chunk-QXFIVLP3.js";import"./chunk-A6DBBGDX.js";import"./chunk-KFDHDWNQ.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as assertPostgresUrl,b as openPostgres};
