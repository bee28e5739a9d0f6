import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/vitest-setup.ts"],
    testTimeout: 30_000,
    // A `scenario` process a test starts runs the TypeScript sources, never a bundle in build/cli/.
    env: { SCENARIO_FROM_SOURCES: "1" },
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
    },
  },
});
