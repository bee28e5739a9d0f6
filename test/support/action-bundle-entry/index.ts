// The entry of the bundle the end-to-end tests spawn: src/action/index.ts (`await run()`) with the
// option the in-process Action tests use, `retries: 0`. It turns off @octokit/plugin-throttling, which
// spaces every write 1 s apart (a job writes ~20 check runs, comments and PR edits: ~20 s of waiting
// per job against the loopback fake), and retries, which the fake never asks for (no 5xx, no rate
// limit). Everything else is the production bundle: same build script, same chunks, same runner contract.
import { run } from "../../../src/action/main.ts";

await run({ retries: 0 });
