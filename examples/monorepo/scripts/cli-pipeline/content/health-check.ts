// content health-check: the pipeline can load the shared services it depends on.
import { FormatService, LoggerService } from "../../../packages/shared/services/index.ts";

const checks = await Promise.all([new FormatService().healthCheck(), new LoggerService().healthCheck()]);
for (const check of checks) console.log(check.service + ": " + (check.ok ? "ok" : "FAILED"));
process.exitCode = checks.every((check) => check.ok) ? 0 : 1;
