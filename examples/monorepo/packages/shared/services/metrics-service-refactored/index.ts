export { MetricsService, metricsService } from "./MetricsService.ts";
