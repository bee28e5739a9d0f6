import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d,e}from"./chunk-RMUT4LTH.js";import"./chunk-JIAG4PFQ.js";export{a as AUDIT_FORMATS,e as renderAudit,d as renderAuditJson,c as renderAuditMarkdown,b as renderAuditText};
