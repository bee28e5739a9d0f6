import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
async function i(r,a,o){let t=`sp_${a}`;await r.query(`SAVEPOINT ${t}`);try{let e=await o();return await r.query(`RELEASE SAVEPOINT ${t}`),e}catch(e){throw await r.query(`ROLLBACK TO SAVEPOINT ${t}`),e}}export{i as a};
