import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a,c as b,d as c}from"./chunk-45S5342M.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as GitError,b as git,c as gitOk};
