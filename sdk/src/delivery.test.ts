import { afterEach, describe, expect, it, vi } from "vitest";
import { BATCH_DELAY_MS, MAX_QUEUED } from "./delivery.ts";
import { QUEUE_KEY } from "./storage.ts";
import { fakeCollector, type LoadedPage, loadPage, settle, usePageSandbox } from "./testing.ts";

let page: LoadedPage | undefined;
usePageSandbox();
afterEach(() => {
  vi.restoreAllMocks();
});

const queued = () => JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]") as { id: string }[];
const ids = (events: { id: string }[]) => events.map((event) => event.id);

describe("delivery", () => {
  it("batches events made close together into one request", async () => {
    const collector = fakeCollector();
    page = await loadPage(); // the load view goes out on its own, at once
    page.api.track("a");
    page.api.track("b");
    await settle();
    expect(collector.requests.map((request) => request.batch.events.map((event) => event.type))).toEqual([
      ["content_view"],
      ["custom", "custom"],
    ]);
    expect(queued()).toEqual([]);
  });

  it("sends the load view as soon as the script has run, and later events after the batch delay", async () => {
    const collector = fakeCollector();
    page = await loadPage();
    await vi.advanceTimersByTimeAsync(0);
    expect(collector.events().map((event) => event.type)).toEqual(["content_view"]);
    page.api.track("later");
    await vi.advanceTimersByTimeAsync(BATCH_DELAY_MS - 1);
    expect(collector.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(collector.requests).toHaveLength(2);
  });

  it("keeps events across a reload while the collector fails, then delivers them once with their ids", async () => {
    const collector = fakeCollector();
    collector.answer("network", 503, 503);
    page = await loadPage({ url: "https://acme.test/a" }); // the view is sent at once: network error
    page.api.track("signup_started");
    await settle(2_000); // both retried after 1–2 s: 503
    expect(collector.requests).toHaveLength(2);
    const before = queued();
    expect(ids(before)).toHaveLength(2);
    page.unload();

    page = await loadPage({ url: "https://acme.test/b" }); // a reload: fresh tracker, same localStorage
    await settle(); // 503 again: everything stays
    expect(queued()).toHaveLength(3);
    await settle(120_000); // the collector answers again
    expect(queued()).toEqual([]);

    const accepted = collector.requests.at(-1)!.batch.events;
    expect(ids(accepted)).toEqual([...ids(before), ids(accepted)[2]]);
    // Every attempt carried the same ids; the last one delivered each event once.
    expect(ids(collector.requests[1]!.batch.events)).toEqual(ids(before));
    expect(new Set(ids(accepted)).size).toBe(3);
    page.api.track("later");
    await settle();
    expect(ids(collector.requests.at(-1)!.batch.events)).toHaveLength(1); // nothing sent twice after success
  });

  it("backs off exponentially, and honours Retry-After on 429", async () => {
    const collector = fakeCollector();
    collector.answer(500, 500, { status: 429, retryAfter: "30" });
    vi.spyOn(Math, "random").mockReturnValue(0.5); // jitter ×1.5
    page = await loadPage();
    await settle(100); // t=100: the first attempt, at once
    expect(collector.requests).toHaveLength(1);
    await settle(1_500); // t=1600: retried at 0 + 1000 × 1.5
    expect(collector.requests).toHaveLength(2);
    await settle(2_500); // t=4100: the next retry waits twice as long
    expect(collector.requests).toHaveLength(2);
    await settle(500); // t=4600: retried at 1500 + 2000 × 1.5, answered 429 with Retry-After: 30
    expect(collector.requests).toHaveLength(3);
    await settle(29_500); // t=34100
    expect(collector.requests).toHaveLength(3);
    await settle(1_000); // t=35100: retried at 4500 + 30 s
    expect(collector.requests).toHaveLength(4);
    expect(queued()).toEqual([]);
  });

  it.each([400, 401, 403, 413])("drops a batch the collector refuses with %i", async (status) => {
    const collector = fakeCollector();
    collector.answer(status);
    page = await loadPage();
    await settle();
    expect(queued()).toEqual([]);
    page.api.track("x");
    await settle(60_000);
    expect(collector.requests).toHaveLength(2);
  });

  it.each([404, 408])("keeps a batch answered %i by something in between, and retries it", async (status) => {
    const collector = fakeCollector();
    collector.answer(status);
    page = await loadPage();
    await settle();
    expect(queued()).toHaveLength(1);
    await settle(5_000);
    expect(collector.requests).toHaveLength(2);
    expect(collector.requests[1]!.batch.events[0]!.id).toBe(collector.requests[0]!.batch.events[0]!.id);
    expect(queued()).toEqual([]);
  });

  it("survives a queue key holding something other than a list", async () => {
    const collector = fakeCollector();
    localStorage.setItem(QUEUE_KEY, "{}");
    page = await loadPage();
    page.api.track("x");
    await settle();
    expect(collector.events().map((event) => event.type)).toEqual(["content_view", "custom"]);
  });

  it("splits a long queue into requests of at most 100 events and 64 KiB", async () => {
    const collector = fakeCollector();
    collector.answer("network");
    page = await loadPage();
    for (let i = 0; i < 180; i++) page.api.track(`event_${i}`, { text: "é".repeat(i % 3 ? 10 : 900) });
    await settle(); // the first attempt fails
    await settle(5_000);
    const delivered = collector.requests.slice(1);
    expect(delivered.length).toBeGreaterThan(2);
    for (const request of delivered) {
      expect(request.batch.events.length).toBeLessThanOrEqual(100);
      expect(new Blob([request.init.body as string]).size).toBeLessThanOrEqual(64 * 1024);
    }
    expect(delivered.flatMap((request) => request.batch.events)).toHaveLength(181);
    expect(queued()).toEqual([]);
  });

  it("bounds the stored queue, dropping the oldest events", async () => {
    const collector = fakeCollector();
    collector.answer(...Array<"network">(5).fill("network"));
    page = await loadPage(); // the view's first attempt fails: it stays queued
    for (let i = 0; i < MAX_QUEUED + 20; i++) page.api.track(`event_${i}`);
    const stored = queued() as unknown as { name?: string }[];
    expect(stored).toHaveLength(MAX_QUEUED);
    // The load view and the first 20 events went.
    expect(stored[0]!.name).toBe("event_20");
    expect(stored.at(-1)!.name).toBe(`event_${MAX_QUEUED + 19}`);
    expect(collector.requests).toHaveLength(1);
  });

  it("sends at once when the page is hidden or left, without waiting for the batch delay", async () => {
    const collector = fakeCollector();
    page = await loadPage();
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(collector.requests).toHaveLength(1);
    page.api.track("leaving");
    window.dispatchEvent(new Event("pagehide"));
    await vi.advanceTimersByTimeAsync(0);
    expect(collector.requests).toHaveLength(2);
    delete (document as { hidden?: boolean }).hidden;
  });
});
