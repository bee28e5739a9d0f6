import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{b as n}from"./chunk-GU5CAYGD.js";import"./chunk-JIAG4PFQ.js";function d(o,t=n){let e;return{get(){return e??=t(o),e},get opened(){return e!==void 0},async close(){if(!e)return;let i=e;e=void 0,await(await i.catch(()=>{}))?.close()}}}export{d as lazyDb};
