// Re-export from the refactored version for backwards compatibility
export * from "../metrics-service-refactored/index.ts";
