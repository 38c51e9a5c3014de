import { defineProject } from "vitest/config";

/**
 * The browser journeys. One collector, demo site and single-page app serve every file (started
 * once by the global setup); files run one after another because each drives a real Chromium
 * and a wrangler dev, and CI machines have two cores.
 */
export default defineProject({
  test: {
    name: "e2e",
    include: ["journeys/**/*.e2e.test.ts", "support/**/*.test.ts"],
    globalSetup: ["support/global-setup.ts"],
    environment: "node",
    fileParallelism: false,
    // Starting wrangler dev and Chromium, and waiting for events to arrive, takes seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
