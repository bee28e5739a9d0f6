// Formatting shared by the portal and the pipelines, so dates and sizes read the same everywhere.
import type { HealthStatus } from "../types.ts";

export interface FormatServiceOptions {
  locale?: string;
  timeZone?: string;
}

const UNITS = ["B", "KB", "MB", "GB", "TB"];

export class FormatService {
  static readonly serviceName = "format-service";
  private static instance: FormatService | undefined;
  readonly locale: string;
  readonly timeZone: string;

  constructor(options: FormatServiceOptions = {}) {
    this.locale = options.locale ?? "en-US";
    this.timeZone = options.timeZone ?? "UTC";
  }

  /** The shared instance (en-US, UTC); construct one with options for another locale. */
  static getInstance(): FormatService {
    FormatService.instance ??= new FormatService();
    return FormatService.instance;
  }

  date(value: Date | string): string {
    const date = typeof value === "string" ? new Date(value) : value;
    if (Number.isNaN(date.getTime())) throw new RangeError("FormatService.date: not a date: " + String(value));
    return new Intl.DateTimeFormat(this.locale, { dateStyle: "medium", timeZone: this.timeZone }).format(date);
  }

  bytes(size: number): string {
    if (!Number.isFinite(size) || size < 0) throw new RangeError("FormatService.bytes: not a size: " + String(size));
    let value = size;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return (unit === 0 ? String(value) : value.toFixed(1)) + " " + UNITS[unit];
  }

  async healthCheck(): Promise<HealthStatus> {
    return { ok: true, service: FormatService.serviceName };
  }
}

export const formatService = FormatService.getInstance();
