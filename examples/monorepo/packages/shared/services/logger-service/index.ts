// Logger service index.
export * from "./logger-service.ts";
