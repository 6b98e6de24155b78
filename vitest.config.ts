import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "data/**", ".test-services/**"],
    globalSetup: ["./test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more workers only fight over them and over the shared PostgreSQL.
    maxWorkers: 2,
    env: { NODE_ENV: "test" },
  },
});
