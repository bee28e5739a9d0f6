import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __fileURLToPath(new URL('.', import.meta.url)).slice(0, -1);
function t(n){let e=n.includes(`\r
`)?`\r
`:`
`,i=n.split(/\r?\n/);return i[i.length-1]===""&&i.pop(),{lines:i,eol:e}}function r({lines:n,eol:e}){return n.length===0?"":`${n.join(e)}${e}`}export{t as a,r as b};
