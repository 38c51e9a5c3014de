import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Embudo } from "./api.ts";
import { fakeCollector, type LoadedPage, loadPage, settle } from "./testing.ts";

type Global = Embudo & ((name: string, ...args: unknown[]) => unknown) & { q?: unknown[] };
const w = window as unknown as { embudo?: Global };

let page: LoadedPage | undefined;
beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  delete w.embudo;
});
afterEach(() => {
  page?.unload();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The snippet of the README, as a page pastes it before the script tag, run as the page runs it. */
const STUB = "window.embudo=window.embudo||function(){(embudo.q=embudo.q||[]).push(arguments)}";
const installStub = () => new Function(STUB)();

describe("the script tag", () => {
  it("reads data-site and sends to the origin the script came from", async () => {
    const collector = fakeCollector();
    page = await loadPage({ script: { "data-site": "acme", src: "https://edge.embudo.test/embudo.js?v=1" } });
    await settle();
    expect(collector.requests[0]!.url).toBe("https://edge.embudo.test/v1/events");
    expect(collector.requests[0]!.batch.site).toBe("acme");
  });

  it("honours data-api, data-pricing, data-downloads, data-forms and data-consent", async () => {
    const collector = fakeCollector();
    page = await loadPage({
      url: "https://acme.test/precios",
      body: '<a id="d" href="/deck.key">deck</a><form id="f"><input name="email" value="a@acme.test"></form>',
      script: {
        "data-site": "acme",
        "data-api": "https://collect.acme.test/",
        "data-pricing": "/precios",
        "data-downloads": "key",
        "data-forms": "off",
        "data-consent": "required",
      },
    });
    document.querySelector<HTMLAnchorElement>("#d")!.addEventListener("click", (event) => event.preventDefault());
    document.querySelector<HTMLAnchorElement>("#d")!.click();
    document.querySelector<HTMLFormElement>("#f")!.addEventListener("submit", (event) => event.preventDefault());
    document.querySelector<HTMLFormElement>("#f")!.requestSubmit();
    await settle();
    expect(collector.requests).toHaveLength(0); // consent required
    w.embudo!.consent(true);
    await settle();
    expect(collector.requests[0]!.url).toBe("https://collect.acme.test/v1/events");
    expect(collector.events().map((event) => event.type)).toEqual(["pricing_view", "download"]);
  });

  it("replays the stub's calls in order, then answers both embudo('track', …) and embudo.track(…)", async () => {
    const collector = fakeCollector();
    page = await loadPage({
      script: { "data-site": "demo" },
      beforeScript() {
        installStub();
        w.embudo!("track", "first", { n: 1 });
        w.embudo!("identify", { email: "ana@acme.test", company: "Acme" });
        w.embudo!("track", "second");
        w.embudo!("no_such_method"); // ignored, not thrown
      },
    });
    w.embudo!("track", "third");
    w.embudo!.track("fourth");
    const visitor = w.embudo!("visitorId");
    expect(visitor).toBe(w.embudo!.visitorId());
    await settle();
    expect(collector.events().map((event) => ("name" in event ? event.name : event.type))).toEqual([
      "first",
      "identify",
      "second",
      "content_view",
      "third",
      "fourth",
    ]);
    expect(collector.events()[0]).toMatchObject({ props: { n: 1 } });
    expect(collector.events()[1]).toMatchObject({ traits: { email: "ana@acme.test", company: "Acme" } });
    expect(collector.events().every((event) => event.visitorId === visitor)).toBe(true);
  });

  it("a second copy of the script does not start a second tracker", async () => {
    const collector = fakeCollector();
    page = await loadPage({ script: { "data-site": "demo" } });
    const first = w.embudo;
    vi.resetModules();
    await import("./script.ts"); // the second tag runs
    expect(w.embudo).toBe(first);
    await settle();
    expect(collector.events()).toHaveLength(1);
  });
});
