import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "sdk-bench",
    environment: "node",
    include: ["*.test.ts"],
  },
});
