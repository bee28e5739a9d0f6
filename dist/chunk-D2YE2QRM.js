import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a as O,c as A}from"./chunk-2L3OTRC4.js";import{a as E}from"./chunk-ISN6RIYI.js";import{c as T,d as m,e as C,f as $}from"./chunk-BLCESRBY.js";import{b as v}from"./chunk-2GOWPZVM.js";import{b as x}from"./chunk-NBVLPTCK.js";import{a as R}from"./chunk-42NZ2SEO.js";import{m as k,y as S}from"./chunk-BNJKB4OP.js";import{f as w}from"./chunk-PGT5WRUH.js";import{b as h}from"./chunk-X5VMTHIS.js";import{a as u}from"./chunk-VL2RYAGQ.js";import{a as F}from"./chunk-C5C7KV4K.js";import{a as P}from"./chunk-H6XXKSXA.js";import{a as b}from"./chunk-ADJ5H3CN.js";import{a as y}from"./chunk-GS4EC3WI.js";import N from"node:path";import{existsSync as d,mkdirSync as W,readFileSync as l,renameSync as _,writeFileSync as U}from"node:fs";import D from"node:path";var I="## Not checked by the run: confirm after it",H=/^\s*- \[( |x|X)\] (.*?)\s*<!-- scenario:step=(\d+) item=(\d+) -->\s*$/,f=class{dir;store;tickedBy;hint;constructor(t){this.dir=t.dir,this.store=t.store,this.tickedBy=t.tickedBy??"task-file",this.hint=t.hint??P}fileOf(t){return D.join(this.dir,`${t}.md`)}async publish(t,e,r){let i=this.fileOf(t.id),o=d(i)?l(i,"utf8"):this.header(t);if(!o.includes(`<!-- scenario:step=${e.index} item=0 -->`)){let c=r.map((p,L)=>`- [ ] ${B(p)} <!-- scenario:step=${e.index} item=${L} -->`);o+=`
## Step ${b(e,t.scenarioId)}: ${e.name}

${c.join(`
`)}
`,g(i,o)}let s=await this.store.listTasks(t.id),a=r.map((c,p)=>({runId:t.id,stepIndex:e.index,item:p,text:c,done:!1})).filter(c=>!s.some(p=>p.stepIndex===c.stepIndex&&p.item===c.item));a.length&&await this.store.saveTasks(a)}async isDone(t,e){let r=this.tickedInFile(t.id,e.index),i=(await this.store.listTasks(t.id)).filter(o=>o.stepIndex===e.index);for(let o of i)!o.done&&r.has(o.item)&&(await this.store.tickTask(t.id,e.index,o.item,this.tickedBy),o.done=!0);return i.length>0&&i.every(o=>o.done)}async devTask(t,e){if(!e.length)return;let r=this.fileOf(t.id),i=d(r)?l(r,"utf8"):this.header(t);return i.includes(`
${I}
`)||(i+=`
${I}

${e.map(o=>`- [ ] ${B(o)}`).join(`
`)}
`,g(r,i)),r}async tick(t,e,r){let i=(await this.store.listTasks(t)).filter(a=>a.stepIndex===e),o=0;for(let a of i)a.done||(await this.store.tickTask(t,e,a.item,r),o++);let s=this.fileOf(t);if(d(s)){let a=l(s,"utf8").split(`
`).map(c=>{let p=H.exec(c);return p&&Number(p[3])===e?c.replace("- [ ]","- [x]"):c}).join(`
`);g(s,a)}return o}header(t){return`# Tasks for run ${t.id} (${t.scenarioId})

Tick a box (\`- [x]\`) when it is done, then \`${this.hint({do:"run",action:"resume",runId:t.id})}\`.
Branch: \`${t.branch}\`
`}tickedInFile(t,e){let r=this.fileOf(t),i=new Set;if(!d(r))return i;for(let o of l(r,"utf8").split(`
`)){let s=H.exec(o);s&&s[1]!==" "&&Number(s[3])===e&&i.add(Number(s[4]))}return i}};function B(n){return n.replace(/\s*\n\s*/g," ").replaceAll("<!--","<\\!--")}function g(n,t){W(D.dirname(n),{recursive:!0});let e=`${n}.${process.pid}.tmp`;U(e,t),_(e,n)}function ft(){return N.join(y(),"bin","scenario.js")}async function ht(n,t,e){return(await G(n,t,e)).catalog}function G(n,t,e){let r=E(n.io.env);return v(t,n.io.cwd,e,i=>n.io.stderr(`note: ${i}
`),r?{parse:r}:{})}async function ut(n,t,e,r={},i={}){return{workspace:await $.open({repo:t.root,runId:e,...i,dependencies:(await S(k(t.root),void 0,{detectLayout:!1})).dependencies}),store:t.store,reporter:new A({write:n.io.stdout,isTTY:n.io.isTTY,color:O(n.io),hint:u(r)}),tasks:Y(n,t,r)}}async function gt(n,t,e,r,i){let{catalog:o,config:s}=await G(n,t,e),a=new Date;return T({catalog:o,config:s,scenarioId:r,params:x(r,i),runId:R(a),now:a,root:t})}async function kt(n,t,e){let r=(await n.store.getRun(e))?.branch??await t.findRunBranch(e);if(!r)throw new w(e,` in the store, nor as a branch scenario/*/${e} in ${n.root}`);return r}function Y(n,t,e={}){return new f({dir:N.join(t.root,".scenario","tasks"),store:t.store,tickedBy:n.io.env.USER??"task-file",hint:u(e)})}async function St(n){return(await j(n)).branch}async function j(n){let[t="",e=""]=(await h(["rev-parse","HEAD","--abbrev-ref","HEAD"],{cwd:n}).catch(()=>"")).trim().split(`
`);if(!t||!e)throw new F(`${n} has no commit yet: commit something first, or pass --base <branch>.`);return{branch:e==="HEAD"?t:e,sha:t}}async function yt(n){let t=(await h(["rev-parse",...m,"HEAD","--abbrev-ref","HEAD"],{cwd:n}).catch(()=>"")).trim().split(`
`),[e="",r=""]=t.slice(m.length);return t.length!==m.length+2||!e||!r?{head:await j(n)}:{head:{branch:r==="HEAD"?e:r,sha:e},located:C(t)}}function wt(n){let t=new AbortController,e=()=>{n.io.stderr(`
cancelling: stopping the running step and rolling back...
`),t.abort()};return process.once("SIGINT",e),{signal:t.signal,dispose:()=>process.off("SIGINT",e)}}export{ft as a,ht as b,G as c,ut as d,gt as e,kt as f,Y as g,St as h,j as i,yt as j,wt as k};
