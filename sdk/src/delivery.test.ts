import { afterEach, describe, expect, it, vi } from "vitest";
import { ABANDONED_AFTER_MS, BATCH_DELAY_MS, MAX_QUEUED } from "./delivery.ts";
import { QUEUE_KEY } from "./storage.ts";
import { fakeCollector, type LoadedPage, loadPage, settle, tabsSharingStorage, usePageSandbox } from "./testing.ts";

let page: LoadedPage | undefined;
usePageSandbox();
afterEach(() => {
  vi.restoreAllMocks();
});

/** The keys of queued events, in the order they are sent. */
const queueKeys = () =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith(QUEUE_KEY))
    .sort();
/** Every queued event, of every page, in the order they are sent. */
const queued = () => queueKeys().map((key) => JSON.parse(localStorage.getItem(key)!) as { id: string; name?: string });
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

    // A reload: a fresh tracker, the same localStorage. The earlier page's events are not 10 s
    // old yet, so the new page sends only its own view, which gets a 503 too.
    page = await loadPage({ url: "https://acme.test/b" });
    await settle();
    expect(ids(collector.requests[2]!.batch.events)).toHaveLength(1);
    expect(ids(collector.requests[2]!.batch.events)).not.toContain(before[0]!.id);
    expect(queued()).toHaveLength(3);
    // The collector answers again: the view is delivered, and the earlier page's events once they
    // are abandoned, by the flush that the new page scheduled for then.
    await settle(120_000);
    expect(queued()).toEqual([]);

    const delivered = collector.requests.slice(3).flatMap((request) => ids(request.batch.events));
    expect(delivered.sort()).toEqual([...ids(before), ids(collector.requests[2]!.batch.events)[0]!].sort());
    // Every attempt carried the same ids, each page's in the order recorded.
    expect(ids(collector.requests[1]!.batch.events)).toEqual(ids(before));
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

  it("survives keys under its prefix that hold no event, and removes the ones it cannot read", async () => {
    const collector = fakeCollector();
    localStorage.setItem(`${QUEUE_KEY}0`, "{");
    localStorage.setItem(`${QUEUE_KEY}1`, "null");
    localStorage.setItem(`${QUEUE_KEY}2`, "[]");
    page = await loadPage();
    page.api.track("x");
    await settle();
    expect(collector.events().map((event) => event.type)).toEqual(["content_view", "custom"]);
    expect(queueKeys()).toEqual([`${QUEUE_KEY}2`]); // not JSON, or not an object: gone
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
    await settle(2_000); // every send attempt applies the cap first: here, the failing retry
    const stored = queued();
    expect(stored).toHaveLength(MAX_QUEUED);
    // The load view and the first 20 events went.
    expect(stored[0]!.name).toBe("event_20");
    expect(stored.at(-1)!.name).toBe(`event_${MAX_QUEUED + 19}`);
    expect(collector.requests).toHaveLength(2);
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

describe("two tabs", () => {
  const sent = (collector: ReturnType<typeof fakeCollector>) =>
    collector.events().map((event) => ("name" in event ? event.name : new URL(event.url).pathname));

  it("recording at the same moment, lose no event and send none twice", async () => {
    const collector = fakeCollector();
    const tabs = tabsSharingStorage();
    const a = await tabs.tab("a", () => loadPage({ url: "https://acme.test/a" }));
    const b = await tabs.tab("b", () => loadPage({ url: "https://acme.test/b" }));
    // Each tab records before the other's writes reached its copy of localStorage.
    tabs.tab("a", () => a.api.track("from_a"));
    tabs.tab("b", () => b.api.track("from_b"));
    tabs.sync();
    await settle();
    tabs.sync();
    await settle(ABANDONED_AFTER_MS * 2); // long enough for either tab to take over the other's
    expect(sent(collector).sort()).toEqual(["/a", "/b", "from_a", "from_b"]);
    expect(new Set(collector.events().map((event) => event.id)).size).toBe(4);
    expect([...tabs.stored.keys()].filter((key) => key.startsWith(QUEUE_KEY))).toEqual([]);
  });

  it("a page sends the events of a page that is gone once they are abandoned, and sends them once", async () => {
    const collector = fakeCollector();
    collector.answer("network");
    page = await loadPage({ url: "https://acme.test/closed" });
    page.api.track("left_behind");
    await settle(); // the only attempt fails, then the tab is closed
    page.unload();

    page = await loadPage({ url: "https://acme.test/open" });
    await settle();
    expect(sent(collector)).toEqual(["/closed", "/open"]);
    expect(queued().map((event) => event.name)).toEqual([undefined, "left_behind"]);
    await settle(ABANDONED_AFTER_MS); // with no event of its own, the open page sends them
    expect(sent(collector).slice(2)).toEqual(["/closed", "left_behind"]);
    expect(queued()).toEqual([]);
    page.api.track("again");
    await settle(ABANDONED_AFTER_MS * 2);
    expect(sent(collector).slice(4)).toEqual(["again"]);
  });
});
