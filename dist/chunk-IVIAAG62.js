import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import e from"node:fs";import r from"node:path";function o(n){let t=r.resolve(n);for(;;){if(e.existsSync(r.join(t,".git")))return t;let i=r.dirname(t);if(i===t)return;t=i}}function p(n){return o(n)??r.resolve(n)}export{o as a,p as b};
