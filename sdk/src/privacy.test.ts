import { afterEach, describe, expect, it } from "vitest";
import { CONSENT_KEY } from "./storage.ts";
import { fakeCollector, type LoadedPage, loadPage, settle, usePageSandbox } from "./testing.ts";

let page: LoadedPage | undefined;
usePageSandbox();
afterEach(() => {
  for (const key of ["globalPrivacyControl", "doNotTrack", "webdriver", "userAgent"])
    delete (navigator as unknown as Record<string, unknown>)[key];
});

const setNavigator = (key: string, value: unknown) =>
  Object.defineProperty(navigator, key, { configurable: true, value });

describe("consent", () => {
  it("with data-consent=required stores and sends nothing until consent(true), then sends the held events", async () => {
    const collector = fakeCollector();
    page = await loadPage({ options: { consent: "required" } });
    page.api.track("held");
    const visitor = page.api.visitorId();
    await settle(60_000);
    expect(collector.requests).toHaveLength(0);
    expect(localStorage.length).toBe(0);

    page.api.consent(true);
    await settle();
    expect(collector.events().map((event) => event.type)).toEqual(["content_view", "custom"]);
    expect(collector.events()[0]!.visitorId).toBe(visitor);
    expect(localStorage.getItem(CONSENT_KEY)).toBe("1");

    // The grant is remembered on the next page.
    page.unload();
    page = await loadPage({ options: { consent: "required" } });
    await settle();
    expect(collector.events()).toHaveLength(3);
    expect(collector.events()[2]!.visitorId).toBe(visitor);
  });

  it("withdrawing consent erases what is stored and records nothing more", async () => {
    const collector = fakeCollector();
    collector.answer("network");
    // What earlier versions stored: the session alone, and the queue under one key.
    localStorage.setItem("embudo:s", "01M83R8T7277H793MSR07XQGVC 1795422447842");
    localStorage.setItem("embudo:q", "[]");
    localStorage.setItem("other-app", "kept");
    page = await loadPage();
    page.api.track("x");
    await settle(); // the first attempt fails: two events stay queued
    page.api.consent(false);
    page.api.track("after");
    await settle(60_000);
    expect(collector.requests).toHaveLength(1);
    expect(Object.keys(localStorage).sort()).toEqual([CONSENT_KEY, "other-app"]); // only the refusal is Embudo's
    page.unload();
    page = await loadPage(); // still refused on the next page
    await settle();
    expect(collector.requests).toHaveLength(1);
  });

  it("a refusal with data-consent=required stores nothing at all", async () => {
    fakeCollector();
    page = await loadPage({ options: { consent: "required" } });
    page.api.consent(false);
    expect(localStorage.length).toBe(0);
  });
});

describe("Global Privacy Control and Do Not Track", () => {
  for (const [key, value] of [
    ["globalPrivacyControl", true],
    ["doNotTrack", "1"],
  ] as const)
    it(`sends and stores nothing with ${key}, even after consent(true)`, async () => {
      setNavigator(key, value);
      const collector = fakeCollector();
      page = await loadPage({ body: '<a id="f" href="/f.pdf">f</a>' });
      page.api.track("x");
      page.api.identify({ email: "ana@acme.test" });
      page.api.consent(true);
      page.api.page();
      await settle(60_000);
      expect(collector.requests).toHaveLength(0);
      expect(localStorage.length).toBe(0);
    });
});

describe("automation", () => {
  it("flags events from a WebDriver-driven browser instead of dropping them, and leaves the user agent alone", async () => {
    const collector = fakeCollector();
    setNavigator("webdriver", true);
    page = await loadPage();
    await settle();
    page.unload();
    setNavigator("webdriver", false);
    // A headless user agent is the collector's to read, from the request's header.
    setNavigator("userAgent", "Mozilla/5.0 HeadlessChrome/140.0");
    page = await loadPage();
    await settle();
    expect(collector.events().map((event) => event.automation)).toEqual([true, undefined]);
  });
});
