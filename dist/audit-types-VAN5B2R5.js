import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import"./chunk-JIAG4PFQ.js";var i=["error","warning","info"];function t(e){return e.counts.error>0?1:0}export{i as AUDIT_SEVERITIES,t as auditExitCode};
