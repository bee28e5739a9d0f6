import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{homedir as e}from"node:os";import{join as r}from"node:path";function n(o=process.env){return o.SCENARIO_CACHE_DIR||r(o.XDG_CACHE_HOME||r(e(),".cache"),"scenario-bot")}export{n as a};
