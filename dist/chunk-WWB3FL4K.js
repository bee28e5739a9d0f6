import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
function e(n){if(n.status==="queued")return{do:"run",action:"cancel",runId:n.id};if(n.status==="running")return{do:"run",action:"resume",runId:n.id}}export{e as a};
