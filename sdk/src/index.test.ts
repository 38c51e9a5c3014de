import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeCollector } from "./testing.ts";

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  vi.resetModules();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the ESM build's API", () => {
  it("holds calls made before init() and replays them in order", async () => {
    const collector = fakeCollector();
    const embudo = await import("./index.ts");
    embudo.track("early", { n: 1 });
    embudo.identify({ email: "ana@acme.test" });
    expect(embudo.visitorId()).toBeUndefined();
    embudo.init({ site: "demo", api: "https://collector.test" });
    embudo.init({ site: "other" }); // one tracker per page
    embudo.track("late");
    expect(embudo.visitorId()).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(collector.requests).toHaveLength(1);
    expect(collector.requests[0]!.batch.site).toBe("demo");
    expect(collector.events().map((event) => ("name" in event ? event.name : event.type))).toEqual([
      "early",
      "identify",
      "content_view",
      "late",
    ]);
  });
});
