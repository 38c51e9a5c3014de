import { describe, expect, it } from "vitest";
import { SESSION_IDLE_MS } from "./identity.ts";
import { fakeCollector, type LoadedPage, loadPage, settle, usePageSandbox } from "./testing.ts";

let page: LoadedPage | undefined;
usePageSandbox();

describe("the JavaScript API (sdk/README.md)", () => {
  it("track(name, props) sends a custom event", async () => {
    const collector = fakeCollector();
    page = await loadPage();
    page.api.track("demo_request", { plan: "team", seats: 12 });
    await settle();
    expect(collector.events()[1]).toMatchObject({
      type: "custom",
      name: "demo_request",
      props: { plan: "team", seats: 12 },
    });
  });

  it("identify(traits) sends an identify event, and leaves judging the email to the collector", async () => {
    const collector = fakeCollector();
    page = await loadPage();
    page.api.identify({ email: "ana@acme.test", jobTitle: "CMO" });
    page.api.identify({ email: "nope" }); // the collector refuses this one (shared/src/wire.test.ts)
    await settle();
    expect(collector.events().slice(1)).toEqual([
      expect.objectContaining({ type: "identify", traits: { email: "ana@acme.test", jobTitle: "CMO" } }),
      expect.objectContaining({ type: "identify", traits: { email: "nope" } }),
    ]);
  });

  it("visitorId() is a stable ULID across pages; reset() starts a new visitor and session", async () => {
    const collector = fakeCollector();
    page = await loadPage();
    const first = page.api.visitorId();
    expect(first).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    await settle();
    page.unload();
    page = await loadPage();
    expect(page.api.visitorId()).toBe(first);
    page.api.reset();
    const second = page.api.visitorId();
    expect(second).not.toBe(first);
    page.api.track("after_reset");
    await settle();
    const [view1, view2, after] = collector.events();
    expect(view2!.visitorId).toBe(first);
    expect(view2!.sessionId).toBe(view1!.sessionId);
    expect(after).toMatchObject({ visitorId: second });
    expect(after!.sessionId).not.toBe(view1!.sessionId);
  });

  it("starts a new session after 30 minutes without events", async () => {
    const collector = fakeCollector();
    page = await loadPage();
    await settle(SESSION_IDLE_MS - 2_000);
    page.api.track("still_here");
    await settle(SESSION_IDLE_MS + 1_000);
    page.api.track("back");
    await settle();
    const [view, stillHere, back] = collector.events();
    expect(stillHere!.sessionId).toBe(view!.sessionId);
    expect(back!.sessionId).not.toBe(view!.sessionId);
    expect(back!.ts - stillHere!.ts).toBeGreaterThan(SESSION_IDLE_MS);
  });

  it("gives every event its own id", async () => {
    const collector = fakeCollector();
    page = await loadPage();
    for (let i = 0; i < 50; i++) page.api.track("e");
    await settle();
    expect(new Set(collector.events().map((event) => event.id)).size).toBe(51);
  });
});
