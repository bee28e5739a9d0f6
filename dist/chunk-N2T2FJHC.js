import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __fileURLToPath(new URL('.', import.meta.url)).slice(0, -1);
var o=class extends Error{hints;constructor(e,n={}){super(e,n.cause===void 0?void 0:{cause:n.cause}),this.hints=n.hints??[]}};function s(t){return t instanceof o}function a(t){return t instanceof Error?t.message:String(t)}function d(t,e,n){let i=e.map(n).filter(Boolean);if(i.length===0)return t;let r=t.trimEnd();return r.includes(`
`)?`${r}
${i.join(" ")}`:`${/[.:!?]$/.test(r)?r:`${r}.`} ${i.join(" ")}`}export{d as a,o as b,s as c,a as d};
