// Structured logging for apps, proxies and pipelines: one JSON line per entry, data before message.
import type { HealthStatus } from "../types.ts";

export type LogLevel = "debug" | "info" | "warn" | "error";

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerServiceOptions {
  level?: LogLevel;
  /** Where lines go; defaults to stderr so stdout stays free for command output. */
  write?: (line: string) => void;
  bindings?: Record<string, unknown>;
}

export class LoggerService {
  static readonly serviceName = "logger-service";
  readonly level: LogLevel;
  readonly bindings: Record<string, unknown>;
  private readonly write: (line: string) => void;

  constructor(options: LoggerServiceOptions = {}) {
    this.level = options.level ?? "info";
    this.bindings = options.bindings ?? {};
    this.write = options.write ?? ((line) => process.stderr.write(line + "\n"));
  }

  /** A logger that adds `bindings` to every line, e.g. a request id. */
  child(bindings: Record<string, unknown>): LoggerService {
    return new LoggerService({ level: this.level, write: this.write, bindings: { ...this.bindings, ...bindings } });
  }

  log(level: LogLevel, data: Record<string, unknown>, message: string): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    this.write(JSON.stringify({ level, time: new Date().toISOString(), ...this.bindings, ...data, msg: message }));
  }

  info(data: Record<string, unknown>, message: string): void {
    this.log("info", data, message);
  }

  error(data: Record<string, unknown>, message: string): void {
    this.log("error", data, message);
  }

  async healthCheck(): Promise<HealthStatus> {
    return { ok: true, service: LoggerService.serviceName };
  }
}

export const loggerService = new LoggerService();
