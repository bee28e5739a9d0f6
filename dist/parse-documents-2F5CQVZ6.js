import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-NQ5FUVIC.js";import"./chunk-BY3EPCGW.js";import"./chunk-LXZ33A6I.js";import"./chunk-JIAG4PFQ.js";export{a as cliParse};
