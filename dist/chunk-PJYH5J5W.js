import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as a}from"./chunk-33EZK55X.js";import{execFile as g,spawn as m}from"node:child_process";var w=`
const { execFile } = require("node:child_process");
process.on("disconnect", () => process.exit(0));
process.on("message", (m) => {
  const child = execFile(m.file, m.args, { cwd: m.cwd, env: m.env, maxBuffer: m.maxBuffer, encoding: "utf8" },
    (error, stdout, stderr) => {
      if (!process.connected) return;
      process.send({ id: m.id, stdout, stderr,
        error: error ? { message: error.message, code: error.code } : undefined });
    });
  if (m.input !== undefined) child.stdin.end(m.input);
});
`,s,v=0,o=new Map;function P(){if(s)return;let n=m(process.execPath,["-e",w],{stdio:["ignore","ignore","inherit","ipc"],detached:!0,env:{PATH:process.env.PATH??""}});s=n,n.on("message",({id:e,...t})=>{let i=o.get(e);o.delete(e),f(),i?.resolve(t)});let r=()=>{s===n&&(s=void 0);let e=[...o.values()];o.clear();for(let t of e)t.reject(new d)};n.on("exit",r),n.on("error",r),f()}function f(){!s||o.size>0||(s.unref(),s.channel?.unref?.())}var d=class extends Error{};async function l(n){let r=s;if(r?.connected)try{return await new Promise((e,t)=>{let i=v++;o.set(i,{resolve:e,reject:t}),r.ref(),r.channel?.ref?.(),r.send({id:i,...n},u=>{u&&(o.delete(i),f(),t(new d))})})}catch(e){if(!(e instanceof d))throw e}return new Promise(e=>{let t=g(n.file,n.args,{cwd:n.cwd,env:n.env,maxBuffer:n.maxBuffer,encoding:"utf8"},(i,u,p)=>{e({stdout:u,stderr:p,...i?{error:{message:i.message,...i.code!==void 0?{code:i.code}:{}}}:{}})});n.input!==void 0&&t.stdin?.end(n.input)})}var c=class extends a{name="GitError";kind="environment";args;cwd;stderr;constructor(r,e,t){super(`git ${r.join(" ")} failed in ${e}: ${t.trim()||"no output"}`),this.args=r,this.cwd=e,this.stderr=t}};async function x(n,r){let e=await l({file:"git",args:n,cwd:r.cwd,env:{...r.env??process.env,GIT_TERMINAL_PROMPT:"0"},maxBuffer:67108864,...r.input!==void 0?{input:r.input}:{}});if(e.error)throw new c(n,r.cwd,e.stderr||e.error.message);return e.stdout}async function B(n,r){try{return await x(n,r),!0}catch(e){if(e instanceof c)return!1;throw e}}export{P as a,c as b,x as c,B as d};
