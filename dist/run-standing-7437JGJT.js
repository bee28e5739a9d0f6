import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __fileURLToPath(new URL('.', import.meta.url)).slice(0, -1);
import{a}from"./chunk-RJPQ4XK3.js";import"./chunk-C5VDFB2N.js";export{a as runStanding};
