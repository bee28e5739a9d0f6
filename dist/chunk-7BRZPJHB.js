import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a as O,c as A}from"./chunk-2L3OTRC4.js";import{a as E}from"./chunk-ISN6RIYI.js";import{c as T,d as m,e as C,f as P}from"./chunk-LK3WHCJJ.js";import{b as v}from"./chunk-2GOWPZVM.js";import{b as x}from"./chunk-NBVLPTCK.js";import{a as R}from"./chunk-42NZ2SEO.js";import{m as k,y as S}from"./chunk-BNJKB4OP.js";import{f as w}from"./chunk-PGT5WRUH.js";import{b as h}from"./chunk-X5VMTHIS.js";import{a as u}from"./chunk-VL2RYAGQ.js";import{a as F}from"./chunk-C5C7KV4K.js";import{a as $}from"./chunk-H6XXKSXA.js";import{a as b}from"./chunk-ADJ5H3CN.js";import{a as y}from"./chunk-GS4EC3WI.js";import D from"node:path";import{existsSync as d,mkdirSync as L,readFileSync as l,renameSync as _,writeFileSync as U}from"node:fs";import H from"node:path";var I="## Not checked by the run: confirm after it",B=/^\s*- \[( |x|X)\] (.*?)\s*<!-- scenario:step=(\d+) item=(\d+) -->\s*$/,f=class{dir;store;tickedBy;hint;constructor(t){this.dir=t.dir,this.store=t.store,this.tickedBy=t.tickedBy??"task-file",this.hint=t.hint??$}fileOf(t){return H.join(this.dir,`${t}.md`)}async publish(t,e,r){let i=this.fileOf(t.id),o=d(i)?l(i,"utf8"):this.header(t);if(!o.includes(`<!-- scenario:step=${e.index} item=0 -->`)){let c=r.map((p,j)=>`- [ ] ${G(p)} <!-- scenario:step=${e.index} item=${j} -->`);o+=`
## Step ${b(e,t.scenarioId)}: ${e.name}

${c.join(`
`)}
`,g(i,o)}let s=await this.store.listTasks(t.id),a=r.map((c,p)=>({runId:t.id,stepIndex:e.index,item:p,text:c,done:!1})).filter(c=>!s.some(p=>p.stepIndex===c.stepIndex&&p.item===c.item));a.length&&await this.store.saveTasks(a)}async isDone(t,e){let r=this.tickedInFile(t.id,e.index),i=(await this.store.listTasks(t.id)).filter(o=>o.stepIndex===e.index);for(let o of i)!o.done&&r.has(o.item)&&(await this.store.tickTask(t.id,e.index,o.item,this.tickedBy),o.done=!0);return i.length>0&&i.every(o=>o.done)}async devTask(t,e){if(!e.length)return;let r=this.fileOf(t.id),i=d(r)?l(r,"utf8"):this.header(t);return i.includes(`
${I}
`)||(i+=`
${I}

${e.map(o=>`- [ ] ${G(o)}`).join(`
`)}
`,g(r,i)),r}async tick(t,e,r){let i=(await this.store.listTasks(t)).filter(a=>a.stepIndex===e),o=0;for(let a of i)a.done||(await this.store.tickTask(t,e,a.item,r),o++);let s=this.fileOf(t);if(d(s)){let a=l(s,"utf8").split(`
`).map(c=>{let p=B.exec(c);return p&&Number(p[3])===e?c.replace("- [ ]","- [x]"):c}).join(`
`);g(s,a)}return o}header(t){return`# Tasks for run ${t.id} (${t.scenarioId})

Tick a box (\`- [x]\`) when it is done, then \`${this.hint({do:"run",action:"resume",runId:t.id})}\`.
Branch: \`${t.branch}\`
`}tickedInFile(t,e){let r=this.fileOf(t),i=new Set;if(!d(r))return i;for(let o of l(r,"utf8").split(`
`)){let s=B.exec(o);s&&s[1]!==" "&&Number(s[3])===e&&i.add(Number(s[4]))}return i}};function G(n){return n.replace(/\s*\n\s*/g," ").replaceAll("<!--","<\\!--")}function g(n,t){L(H.dirname(n),{recursive:!0});let e=`${n}.${process.pid}.tmp`;U(e,t),_(e,n)}function ht(){return D.join(y(),"bin","scenario.js")}async function ut(n,t,e){return(await N(n,t,e)).catalog}function N(n,t,e){let r=E(n.io.env);return v(t,n.io.cwd,e,i=>n.io.stderr(`note: ${i}
`),r?{parse:r}:{})}async function gt(n,t,e,r={},i={}){return{workspace:"workspace"in i?i.workspace:await Y(t.root,e,i),store:t.store,reporter:new A({write:n.io.stdout,isTTY:n.io.isTTY,color:O(n.io),hint:u(r)}),tasks:K(n,t,r)}}async function Y(n,t,e={}){return P.open({repo:n,runId:t,...e,dependencies:(await S(k(n),void 0,{detectLayout:!1})).dependencies})}async function kt(n,t,e,r,i){let{catalog:o,config:s}=await N(n,t,e),a=new Date;return T({catalog:o,config:s,scenarioId:r,params:x(r,i),runId:R(a),now:a,root:t})}async function St(n,t,e){let r=(await n.store.getRun(e))?.branch??await t.findRunBranch(e);if(!r)throw new w(e,` in the store, nor as a branch scenario/*/${e} in ${n.root}`);return r}function K(n,t,e={}){return new f({dir:D.join(t.root,".scenario","tasks"),store:t.store,tickedBy:n.io.env.USER??"task-file",hint:u(e)})}async function yt(n){return(await W(n)).branch}async function W(n){let[t="",e=""]=(await h(["rev-parse","HEAD","--abbrev-ref","HEAD"],{cwd:n}).catch(()=>"")).trim().split(`
`);if(!t||!e)throw new F(`${n} has no commit yet: commit something first, or pass --base <branch>.`);return{branch:e==="HEAD"?t:e,sha:t}}async function wt(n){let t=(await h(["rev-parse",...m,"HEAD","--abbrev-ref","HEAD"],{cwd:n}).catch(()=>"")).trim().split(`
`),[e="",r=""]=t.slice(m.length);return t.length!==m.length+2||!e||!r?{head:await W(n)}:{head:{branch:r==="HEAD"?e:r,sha:e},located:C(t)}}function xt(n){let t=new AbortController,e=()=>{n.io.stderr(`
cancelling: stopping the running step and rolling back...
`),t.abort()};return process.once("SIGINT",e),{signal:t.signal,dispose:()=>process.off("SIGINT",e)}}export{ht as a,ut as b,N as c,gt as d,Y as e,kt as f,St as g,K as h,yt as i,W as j,wt as k,xt as l};
