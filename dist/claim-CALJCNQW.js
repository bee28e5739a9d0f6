import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f}from"./chunk-BWE43WTK.js";import"./chunk-PGT5WRUH.js";import"./chunk-UAVE5RZG.js";import"./chunk-33EZK55X.js";import"./chunk-JIAG4PFQ.js";export{a as CLAIM_HEARTBEAT_MS,b as CLAIM_STALE_MS,c as claimKey,d as claimRun,f as releaseClaim,e as runDriving};
