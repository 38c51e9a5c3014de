import { defineProject } from "vitest/config";

/**
 * The collector's tests that need Node rather than workerd: the OpenAPI document read by the
 * Node tools of its ecosystem (swagger-parser compiles validators with `new Function`, which
 * workerd forbids) and the committed document and client types checked against the app.
 */
export default defineProject({
  test: {
    name: "collector-node",
    include: ["src/**/*.node.test.ts"],
    environment: "node",
  },
});
