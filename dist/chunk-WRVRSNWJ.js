import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a as P,c as v}from"./chunk-2L3OTRC4.js";import{a as E}from"./chunk-YVWPXYJG.js";import{c as b,d as T}from"./chunk-3IQBYPIY.js";import{b as F}from"./chunk-J4XKQ2TE.js";import{b as x}from"./chunk-745K3VE2.js";import{a as w}from"./chunk-42NZ2SEO.js";import{m as h,y as k}from"./chunk-REDLZKTG.js";import{f as y}from"./chunk-PGT5WRUH.js";import{b as g}from"./chunk-X5VMTHIS.js";import{a as l}from"./chunk-VL2RYAGQ.js";import{a as C}from"./chunk-C5C7KV4K.js";import{a as $}from"./chunk-H6XXKSXA.js";import{a as R}from"./chunk-ADJ5H3CN.js";import{a as S}from"./chunk-GS4EC3WI.js";import H from"node:path";import{existsSync as m,mkdirSync as D,readFileSync as d,renameSync as G,writeFileSync as W}from"node:fs";import B from"node:path";var I="## Not checked by the run: confirm after it",A=/^\s*- \[( |x|X)\] (.*?)\s*<!-- scenario:step=(\d+) item=(\d+) -->\s*$/,f=class{dir;store;tickedBy;hint;constructor(t){this.dir=t.dir,this.store=t.store,this.tickedBy=t.tickedBy??"task-file",this.hint=t.hint??$}fileOf(t){return B.join(this.dir,`${t}.md`)}async publish(t,e,r){let i=this.fileOf(t.id),o=m(i)?d(i,"utf8"):this.header(t);if(!o.includes(`<!-- scenario:step=${e.index} item=0 -->`)){let c=r.map((p,j)=>`- [ ] ${O(p)} <!-- scenario:step=${e.index} item=${j} -->`);o+=`
## Step ${R(e,t.scenarioId)}: ${e.name}

${c.join(`
`)}
`,u(i,o)}let s=await this.store.listTasks(t.id),a=r.map((c,p)=>({runId:t.id,stepIndex:e.index,item:p,text:c,done:!1})).filter(c=>!s.some(p=>p.stepIndex===c.stepIndex&&p.item===c.item));a.length&&await this.store.saveTasks(a)}async isDone(t,e){let r=this.tickedInFile(t.id,e.index),i=(await this.store.listTasks(t.id)).filter(o=>o.stepIndex===e.index);for(let o of i)!o.done&&r.has(o.item)&&(await this.store.tickTask(t.id,e.index,o.item,this.tickedBy),o.done=!0);return i.length>0&&i.every(o=>o.done)}async devTask(t,e){if(!e.length)return;let r=this.fileOf(t.id),i=m(r)?d(r,"utf8"):this.header(t);return i.includes(`
${I}
`)||(i+=`
${I}

${e.map(o=>`- [ ] ${O(o)}`).join(`
`)}
`,u(r,i)),r}async tick(t,e,r){let i=(await this.store.listTasks(t)).filter(a=>a.stepIndex===e),o=0;for(let a of i)a.done||(await this.store.tickTask(t,e,a.item,r),o++);let s=this.fileOf(t);if(m(s)){let a=d(s,"utf8").split(`
`).map(c=>{let p=A.exec(c);return p&&Number(p[3])===e?c.replace("- [ ]","- [x]"):c}).join(`
`);u(s,a)}return o}header(t){return`# Tasks for run ${t.id} (${t.scenarioId})

Tick a box (\`- [x]\`) when it is done, then \`${this.hint({do:"run",action:"resume",runId:t.id})}\`.
Branch: \`${t.branch}\`
`}tickedInFile(t,e){let r=this.fileOf(t),i=new Set;if(!m(r))return i;for(let o of d(r,"utf8").split(`
`)){let s=A.exec(o);s&&s[1]!==" "&&Number(s[3])===e&&i.add(Number(s[4]))}return i}};function O(n){return n.replace(/\s*\n\s*/g," ").replaceAll("<!--","<\\!--")}function u(n,t){D(B.dirname(n),{recursive:!0});let e=`${n}.${process.pid}.tmp`;W(e,t),G(e,n)}function dt(){return H.join(S(),"bin","scenario.js")}async function ft(n,t,e){return(await N(n,t,e)).catalog}function N(n,t,e){let r=E(n.io.env);return F(t,n.io.cwd,e,i=>n.io.stderr(`note: ${i}
`),r?{parse:r}:{})}async function lt(n,t,e,r={}){return{workspace:await T.open({repo:t.root,runId:e,dependencies:(await k(h(t.root),void 0,{detectLayout:!1})).dependencies}),store:t.store,reporter:new v({write:n.io.stdout,isTTY:n.io.isTTY,color:P(n.io),hint:l(r)}),tasks:L(n,t,r)}}async function ut(n,t,e,r,i){let{catalog:o,config:s}=await N(n,t,e),a=new Date;return b({catalog:o,config:s,scenarioId:r,params:x(r,i),runId:w(a),now:a,root:t})}async function gt(n,t,e){let r=(await n.store.getRun(e))?.branch??await t.findRunBranch(e);if(!r)throw new y(e,` in the store, nor as a branch scenario/*/${e} in ${n.root}`);return r}function L(n,t,e={}){return new f({dir:H.join(t.root,".scenario","tasks"),store:t.store,tickedBy:n.io.env.USER??"task-file",hint:l(e)})}async function ht(n){return(await U(n)).branch}async function U(n){let[t="",e=""]=(await g(["rev-parse","HEAD","--abbrev-ref","HEAD"],{cwd:n}).catch(()=>"")).trim().split(`
`);if(!t||!e)throw new C(`${n} has no commit yet: commit something first, or pass --base <branch>.`);return{branch:e==="HEAD"?t:e,sha:t}}function kt(n){let t=new AbortController,e=()=>{n.io.stderr(`
cancelling: stopping the running step and rolling back...
`),t.abort()};return process.once("SIGINT",e),{signal:t.signal,dispose:()=>process.off("SIGINT",e)}}export{dt as a,ft as b,N as c,lt as d,ut as e,gt as f,L as g,ht as h,U as i,kt as j};
