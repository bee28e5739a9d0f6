import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{e as a,f as b}from"./chunk-BRKQ7AFR.js";import"./chunk-LXZ33A6I.js";import"./chunk-QXFIVLP3.js";import"./chunk-NIAX7G5M.js";import"./chunk-UAVE5RZG.js";import"./chunk-KFDHDWNQ.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{b as openPglite,a as wrapPglite};
