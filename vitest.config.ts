import { defineConfig } from "vitest/config";

/** The test tiers, each named for what it needs: `npx vitest --project unit` starts no server. */
const SERVER_TIERS = {
  conversations: ["test/conversations/**/*.test.ts"],
  drills: ["test/faults/**/*.test.ts"],
  browser: ["test/e2e/**/*.test.ts"],
};
const serverTierFiles = Object.values(SERVER_TIERS).flat();
const withServers = { globalSetup: ["./test/support/global-setup.ts"] };

export default defineConfig({
  test: {
    exclude: ["node_modules/**", "data/**", ".test-services/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more workers only fight over them and over the shared PostgreSQL.
    maxWorkers: 2,
    env: { NODE_ENV: "test" },
    projects: [
      // Pure code: the reader, domain rules, dialogue parts, the built-in identity. No database, no Redis, no browser.
      {
        extends: true,
        test: {
          name: "unit",
          // Pure code, no module mocks or fake timers: the files share one module graph instead of loading it each,
          // which takes the tier from about 30 s to 7 s (shuffled orders pass alike).
          isolate: false,
          include: ["{bot,core,sheets,cli}/**/*.test.ts", "test/{unit,property,identity}/**/*.test.ts"],
        },
      },
      // Use cases, HTTP, sheets, transports, identity and operations against the real servers the setup starts;
      // any new folder under test/ lands here unless it names another tier.
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: ["test/unit/**", "test/property/**", "test/identity/**", ...serverTierFiles],
          ...withServers,
        },
      },
      ...Object.entries(SERVER_TIERS).map(([name, include]) => ({
        extends: true as const,
        test: { name, include, ...withServers },
      })),
    ],
  },
});
