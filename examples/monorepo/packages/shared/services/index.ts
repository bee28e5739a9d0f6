// The shared services, one export line each (scenarios append here).
export type { HealthStatus } from "./types.ts";
export { LoggerService } from "./logger-service/logger-service.ts";
export { FormatService } from "./format-service/format-service.ts";
