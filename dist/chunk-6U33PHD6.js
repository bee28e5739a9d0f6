import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a as t}from"./chunk-C5C7KV4K.js";import{existsSync as i}from"node:fs";import n from"node:path";function d(e,r){let o=n.resolve(e,r??".");if(!i(o))throw new t(`--repo ${r}: no such folder. Pass the folder of a git repository.`);return o}export{d as a};
