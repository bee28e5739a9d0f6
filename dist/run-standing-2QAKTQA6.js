import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-ZPZR373W.js";import"./chunk-JIAG4PFQ.js";export{a as runStanding};
