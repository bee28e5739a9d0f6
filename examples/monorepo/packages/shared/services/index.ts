// The shared services, one `export *` line per service, a folder or one file (scenarios add theirs;
// like dhg-mono's, this file has no final newline).
export type { HealthStatus } from "./types.ts";
export * from "./logger-service/index.ts";
export * from "./format-service/index.ts";
export * from "./metrics-service/index.ts";
export * from "./classify-service.ts";