import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a as v,c as A}from"./chunk-6TTDDNIM.js";import{a as E}from"./chunk-NQ5FUVIC.js";import{c as P,d,e as T,f as C}from"./chunk-DQXJJVRB.js";import{b as O}from"./chunk-Z46PYX5V.js";import{b as x}from"./chunk-UCXPF6SG.js";import{a as R}from"./chunk-42NZ2SEO.js";import{m as k,y as S}from"./chunk-4DOPHT7T.js";import{f as w}from"./chunk-PGT5WRUH.js";import{b as h}from"./chunk-X5VMTHIS.js";import{a as u}from"./chunk-GUMC2ZEO.js";import{a as F}from"./chunk-C5C7KV4K.js";import{a as $}from"./chunk-H6XXKSXA.js";import{a as b}from"./chunk-ADJ5H3CN.js";import{a as y}from"./chunk-GS4EC3WI.js";import N from"node:path";import{existsSync as m,mkdirSync as U,readFileSync as f,renameSync as Y,writeFileSync as K}from"node:fs";import H from"node:path";var G="## Not checked by the run: confirm after it",I=/^\s*- \[( |x|X)\] (.*?)\s*<!-- scenario:step=(\d+) item=(\d+) -->\s*$/,l=class{dir;store;tickedBy;hint;constructor(t){this.dir=t.dir,this.store=t.store,this.tickedBy=t.tickedBy??"task-file",this.hint=t.hint??$}fileOf(t){return H.join(this.dir,`${t}.md`)}async publish(t,e,r){let i=this.fileOf(t.id),o=m(i)?f(i,"utf8"):this.header(t);if(!o.includes(`<!-- scenario:step=${e.index} item=0 -->`)){let c=r.map((p,_)=>`- [ ] ${B(p)} <!-- scenario:step=${e.index} item=${_} -->`);o+=`
## Step ${b(e,t.scenarioId)}: ${e.name}

${c.join(`
`)}
`,g(i,o)}let s=await this.store.listTasks(t.id),a=r.map((c,p)=>({runId:t.id,stepIndex:e.index,item:p,text:c,done:!1})).filter(c=>!s.some(p=>p.stepIndex===c.stepIndex&&p.item===c.item));a.length&&await this.store.saveTasks(a)}async isDone(t,e){let r=this.tickedInFile(t.id,e.index),i=(await this.store.listTasks(t.id)).filter(o=>o.stepIndex===e.index);for(let o of i)!o.done&&r.has(o.item)&&(await this.store.tickTask(t.id,e.index,o.item,this.tickedBy),o.done=!0);return i.length>0&&i.every(o=>o.done)}async devTask(t,e){if(!e.length)return;let r=this.fileOf(t.id),i=m(r)?f(r,"utf8"):this.header(t);return i.includes(`
${G}
`)||(i+=`
${G}

${e.map(o=>`- [ ] ${B(o)}`).join(`
`)}
`,g(r,i)),r}async tick(t,e,r){let i=(await this.store.listTasks(t)).filter(a=>a.stepIndex===e),o=0;for(let a of i)a.done||(await this.store.tickTask(t,e,a.item,r),o++);let s=this.fileOf(t);if(m(s)){let a=f(s,"utf8").split(`
`).map(c=>{let p=I.exec(c);return p&&Number(p[3])===e?c.replace("- [ ]","- [x]"):c}).join(`
`);g(s,a)}return o}header(t){return`# Tasks for run ${t.id} (${t.scenarioId})

Tick a box (\`- [x]\`) when it is done, then \`${this.hint({do:"run",action:"resume",runId:t.id})}\`.
Branch: \`${t.branch}\`
`}tickedInFile(t,e){let r=this.fileOf(t),i=new Set;if(!m(r))return i;for(let o of f(r,"utf8").split(`
`)){let s=I.exec(o);s&&s[1]!==" "&&Number(s[3])===e&&i.add(Number(s[4]))}return i}};function B(n){return n.replace(/\s*\n\s*/g," ").replaceAll("<!--","<\\!--")}function g(n,t){U(H.dirname(n),{recursive:!0});let e=`${n}.${process.pid}.tmp`;K(e,t),Y(e,n)}function ht(){return N.join(y(),"bin","scenario.js")}async function kt(n,t,e){return(await D(n,t,e)).catalog}function D(n,t,e){let r=E(n.io.env);return O(t,n.io.cwd,e,i=>n.io.stderr(`note: ${i}
`),r?{parse:r}:{})}async function St(n,t,e,r={},i={}){return{workspace:"workspace"in i?i.workspace:await M(t.root,e,i),store:t.store,reporter:new A({write:n.io.stdout,isTTY:n.io.isTTY,color:v(n.io),hint:u(r)}),tasks:V(n,t,r)}}async function M(n,t,e={}){return C.open({repo:n,runId:t,...e,spare:!0,dependencies:(await S(k(n),void 0,{detectLayout:!1})).dependencies})}async function yt(n,t,e,r,i){let{catalog:o,config:s}=await D(n,t,e),a=new Date;return P({catalog:o,config:s,scenarioId:r,params:x(r,i),runId:R(a),now:a,root:t})}async function wt(n,t,e){let r=(await n.store.getRun(e))?.branch??await t.findRunBranch(e);if(!r)throw new w(e,` in the store, nor as a branch scenario/*/${e} in ${n.root}`);return r}function V(n,t,e={}){return new l({dir:N.join(t.root,".scenario","tasks"),store:t.store,tickedBy:n.io.env.USER??"task-file",hint:u(e)})}async function xt(n){return(await W(n)).branch}async function W(n){let t=L(await j(n,["HEAD","--abbrev-ref","HEAD"]));if(!t)throw new F(`${n} has no commit yet: commit something first, or pass --base <branch>.`);return t}async function Rt(n){let t=await j(n,[...d,"HEAD","--abbrev-ref","HEAD"]),e=t.length===d.length+2&&L(t.slice(d.length));return e?{head:e,located:T(t)}:{head:await W(n)}}async function j(n,t){return(await h(["rev-parse",...t],{cwd:n}).catch(()=>"")).trim().split(`
`)}function L([n="",t=""]){if(!(!n||!t))return{branch:t==="HEAD"?n:t,sha:n}}function bt(n){let t=new AbortController,e=()=>{n.io.stderr(`
cancelling: stopping the running step and rolling back...
`),t.abort()};return process.once("SIGINT",e),{signal:t.signal,dispose:()=>process.off("SIGINT",e)}}export{ht as a,kt as b,D as c,St as d,M as e,yt as f,wt as g,V as h,xt as i,W as j,Rt as k,bt as l};
