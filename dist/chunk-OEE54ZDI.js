import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
function r(e){if(typeof e!="string")throw new TypeError("Expected a string");return e.replace(/[|\\{}()[\]^$+*?.]/g,"\\$&").replace(/-/g,"\\x2d")}export{r as a};
