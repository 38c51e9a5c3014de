import { defineConfig } from "vitest/config";

/**
 * One vitest at the root runs every package: each project keeps its own environment
 * (Node for shared/, happy-dom for sdk/, workerd for collector/ and Node for the collector's
 * OpenAPI checks, real Chromium for test/).
 */
export default defineConfig({
  test: {
    projects: ["shared", "sdk", "sdk/bench", "collector", "collector/vitest.node.config.ts", "test"],
  },
});
