import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var r=class{items=[];add(o,t,e){this.items.push(e===void 0?{position:o,message:t}:{position:o,message:t,hint:e})}get size(){return this.items.length}};function s(n){let{file:o,line:t,column:e}=n.position,i=`${o}:${t}:${e}: ${n.message}`;return n.hint?`${i}
  hint: ${n.hint}`:i}function m(n){return[...n].sort((o,t)=>o.position.file.localeCompare(t.position.file)||o.position.line-t.position.line||o.position.column-t.position.column)}export{r as a,s as b,m as c};
