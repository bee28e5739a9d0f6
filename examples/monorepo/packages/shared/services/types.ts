// What every shared service reports from healthCheck(); the scenarios' health checks read it.
export interface HealthStatus {
  ok: boolean;
  service: string;
  detail?: string;
}
