import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f}from"./chunk-67FPS7P7.js";import"./chunk-DXCUUA6O.js";import"./chunk-JIAG4PFQ.js";export{a as BASE_VARIABLES,b as SCRATCH_DATABASE_URL,e as redact,d as secretForms,c as stepEnvironment,f as tail};
