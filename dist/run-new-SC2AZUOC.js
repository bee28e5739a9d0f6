import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __fileURLToPath(new URL('.', import.meta.url)).slice(0, -1);
import"./chunk-HJFV2YJR.js";import{m as b,y as v}from"./chunk-YM6J4ZDZ.js";import{b as k}from"./chunk-CHUXUKRV.js";import{a as p}from"./chunk-GKHGPX7W.js";import"./chunk-IFQTJSYY.js";import{a as $}from"./chunk-U2DHQEO7.js";import{n as d,q as y}from"./chunk-G5E7DSGF.js";import"./chunk-7MAWGTDX.js";import"./chunk-FASMKR5R.js";import"./chunk-GWWRXGER.js";import{a as g,d as x}from"./chunk-AKB3P7V2.js";import"./chunk-5GI4F2LF.js";import"./chunk-UEAZFI7P.js";import"./chunk-N2T2FJHC.js";import"./chunk-3PBS7NQJ.js";import{b as w}from"./chunk-ZO2RBXAY.js";import"./chunk-6JQO2DRD.js";import"./chunk-R256KDTA.js";import"./chunk-UKJ4R7IF.js";import{a as l}from"./chunk-R2XYHHEG.js";import"./chunk-BYGP5HEB.js";import"./chunk-C5VDFB2N.js";import{mkdir as z,readFile as I,stat as M,writeFile as W}from"node:fs/promises";import{dirname as q,join as f,relative as O,resolve as C}from"node:path";import{readdir as R,readFile as E}from"node:fs/promises";import{join as N}from"node:path";var j=`# Scenario: [Proxy scenario name]

[What the proxy serves, which upstream it forwards to, and what a reviewer should look at.]

## Metadata
- **ID**: \`proxy-scenario-template\`
- **Object Type**: proxy
- **Complexity**: simple
- **Automation**: 50%
- **Dependencies**: none
- **Estimated Duration**: 10 minutes
- **Target**: \`name\`

## Parameters
- \`name\` (required): The proxy's folder name in kebab-case. Pattern: \`^[a-z][a-z0-9]*(-[a-z0-9]+)*$\`. Max: 40. Example: \`search-proxy\`
- \`port\` (optional, number): The port it listens on. Min: 1024. Max: 65535. Default: \`8790\`

## Pre-Conditions
1. [ ] No proxy with that name exists yet
   \`\`\`bash check
   test ! -e proxies/{name}
   \`\`\`

## Steps
1. **Write the server** [automated]
   \`\`\`js file=proxies/{name}/server.mjs
   // {name}: [what it proxies]. GET /health answers 200 when it is up.
   import { createServer } from "node:http";

   const port = Number(process.env.PORT ?? {port});
   createServer((req, res) => {
     res.writeHead(req.url === "/health" ? 200 : 404, { "content-type": "application/json" });
     res.end(JSON.stringify(req.url === "/health" ? \\{ ok: true } : \\{ error: "not found" }));
   }).listen(port, "127.0.0.1");
   \`\`\`
2. **Review** [manual]
   - [ ] [What a person must check or do by hand]
3. **Ready for review** [checkpoint]

## Post-Validation
1. [ ] The server file exists
   \`\`\`bash check
   test -f proxies/{name}/server.mjs
   \`\`\`

## Health Check
\`\`\`bash
node -e "fetch('http://127.0.0.1:{port}/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
\`\`\`

## Rollback
1. **Remove the proxy folder**
   \`\`\`bash
   rm -rf proxies/{name}
   \`\`\`
`;async function T(e,t){let o=(await R(t).catch(()=>[])).filter(r=>r.endsWith(".md")).sort();for(let r of o){let n=await E(N(t,r),"utf8");if(d(n,{file:r,template:!0}).definition?.objectType===e)return{text:n,from:`scenario-bot's templates/${r}`}}return e==="proxy"?{text:j,from:"the built-in proxy skeleton"}:void 0}function F(e){let t=e.split("-").join(" ");return t.charAt(0).toUpperCase()+t.slice(1)}function S(e,t){let o=e.replace(/\r\n?/g,`
`),r=g(o);if(!r)throw new Error("the template declares no **ID**");let n=o.slice(0,r.offset)+t+o.slice(r.offset+r.id.length),i=n.search(/^## /m);return`# Scenario: ${F(t)}

[What this scenario changes, when to use it, and what a reviewer should look at.]

`+n.slice(i)}function P(e,t){let o=/^([ \t]*[-*][ \t]+\*\*Dependencies\*\*:[ \t]*)(.*)$/m.exec(e);if(!o)return{text:e,dropped:[]};let r=[...o[2].matchAll(/`([a-z0-9-]+)`(\s*\([a-z]+\))?/g)],n=r.filter(s=>!t.has(s[1])).map(s=>s[1]);if(n.length===0)return{text:e,dropped:n};let i=r.filter(s=>t.has(s[1])).map(s=>s[0]),a=i.length?i.join(", "):"none",c=o.index+o[1].length;return{text:e.slice(0,c)+a+e.slice(c+o[2].length),dropped:n}}var K=/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;async function te(e,t,o){if(!K.test(t))throw new p(`scenario id "${t}" is not kebab-case; write e.g. add-search-proxy`);if(!l.includes(o.type))throw new p(`unknown object type "${o.type}"; expected one of ${l.join(", ")}`);let r=o.type,n=f($(),"scenarios","templates"),i=await T(r,n);if(!i)throw new p(`no template for object type ${r} under ${n}`);let a=await L(e),{text:c,dropped:s}=P(S(i.text,t),await A(a)),h=d(c,{file:`${t}.md`}).problems;if(h.length)throw new p(`the ${r} template (${i.from}) does not give a valid document:
${h.map(w).join(`
`)}`);for(let D of s)e.io.stderr(`note: the ${r} template depends on ${D}, which is not a scenario under ${O(e.io.cwd,a)||"."}; left out
`);if(o.stdout){e.io.stdout(c);return}let m=C(e.io.cwd,o.out??f(a,r,`${t}.md`)),u=O(e.io.cwd,m)||m;if(!o.force&&await M(m).catch(()=>{}))throw new p(`${u} exists; pass --force to overwrite it`);await z(q(m),{recursive:!0}),await W(m,c),e.io.stdout(`wrote ${u} from ${i.from}; replace every [bracketed] text
`)}async function A(e){let t=await x(e,e).catch(()=>[]),o=await Promise.all(t.map(async r=>({path:r,text:await I(f(e,r),"utf8")})));return new Set(y(o).ids())}async function L(e){let t=k(e.io.cwd),o=await v(b(t));return C(t,o.scenariosDir)}export{te as runNew};
