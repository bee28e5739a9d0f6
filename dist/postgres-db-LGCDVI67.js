import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b}from"./chunk-JYKNYI4A.js";import"./chunk-QXFIVLP3.js";import"./chunk-GU5CAYGD.js";import"./chunk-KFDHDWNQ.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as assertPostgresUrl,b as openPostgres};
