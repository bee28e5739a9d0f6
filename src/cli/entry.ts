// The CLI as a program. The Action's bundle builds it as dist/scenario.js, which the Action gives to
// steps as SCENARIO_CLI (scenario-bot's helpers, docs/helpers.md); bin/scenario.js is the same for a checkout.
import { exitWith, main } from "./main.ts";

await exitWith(await main(process.argv.slice(2)));
