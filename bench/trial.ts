// `npm run trial -- <checkout> [overrides.json] [--json] [--markdown] [--scenarios DIR] [--only id,id]`:
// every scenario of the catalog run on a throwaway copy of a monorepo checkout, one line each.
import { main } from "./trial/main.ts";

process.exitCode = await main(process.argv.slice(2));
