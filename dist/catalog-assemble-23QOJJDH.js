import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d}from"./chunk-QMVRGK32.js";import"./chunk-WWGBO67Z.js";import"./chunk-33EZK55X.js";import"./chunk-RJPIR2LR.js";import"./chunk-VZ44M7FX.js";import"./chunk-JIAG4PFQ.js";export{c as catalogFromParsed,a as findIdLine,b as isTemplate,d as listMarkdown};
