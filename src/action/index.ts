// The action's entry: wiring only. Everything happens in run(), which never throws.
import { run } from "./main.ts";

await run();
