import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d}from"./chunk-6TTDDNIM.js";import"./chunk-ZPZR373W.js";import"./chunk-WBNCFMM5.js";import"./chunk-H6XXKSXA.js";import"./chunk-ADJ5H3CN.js";import"./chunk-JIAG4PFQ.js";export{c as ConsoleReporter,a as colorEnabled,d as formatSummary,b as painter};
