import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c}from"./chunk-VZ44M7FX.js";import"./chunk-JIAG4PFQ.js";export{a as ProblemList,b as formatProblem,c as sortProblems};
