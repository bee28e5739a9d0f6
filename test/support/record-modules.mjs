// `node --import ./test/support/record-modules.mjs ...`: writes the URL of every module the process
// loads, one per line, to the file named by RECORD_MODULES when the process exits.
import { writeFileSync } from "node:fs";
import { registerHooks } from "node:module";

const loaded = new Set();
registerHooks({
  load(url, context, next) {
    loaded.add(url);
    return next(url, context);
  },
});
process.on("exit", () => {
  if (process.env.RECORD_MODULES) writeFileSync(process.env.RECORD_MODULES, [...loaded].join("\n"));
});
