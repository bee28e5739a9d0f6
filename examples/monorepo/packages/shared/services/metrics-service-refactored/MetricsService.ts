// Counters for pipelines and proxies. The refactored version: dhg-mono's development branch keeps
// such a class in `<name>-refactored/` and leaves `<name>/index.ts` re-exporting it.
import type { HealthStatus } from "../types.ts";

export class MetricsService {
  static readonly serviceName = "metrics-service";
  private static instance: MetricsService | undefined;
  private readonly counts = new Map<string, number>();

  private constructor() {}

  static getInstance(): MetricsService {
    MetricsService.instance ??= new MetricsService();
    return MetricsService.instance;
  }

  increment(name: string, by = 1): number {
    const next = (this.counts.get(name) ?? 0) + by;
    this.counts.set(name, next);
    return next;
  }

  async healthCheck(): Promise<HealthStatus> {
    return { ok: true, service: MetricsService.serviceName };
  }
}

export const metricsService = MetricsService.getInstance();
