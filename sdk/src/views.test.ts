import { describe, expect, it } from "vitest";
import { fakeCollector, type LoadedPage, loadPage, settle, usePageSandbox } from "./testing.ts";

let page: LoadedPage | undefined;
usePageSandbox();

describe("views", () => {
  it("reads the stage and page meta tags from the head only, where they belong", async () => {
    const collector = fakeCollector();
    page = await loadPage({
      url: "https://acme.test/blog/abm",
      body: '<meta name="embudo:stage" content="decision"><meta name="embudo:page" content="pricing">',
    });
    await settle();
    expect(collector.events()).toEqual([expect.objectContaining({ type: "content_view" })]);
    expect(collector.events()[0]).not.toHaveProperty("stage");
  });

  it("sends a content_view on load with the stage from the meta tag", async () => {
    const collector = fakeCollector();
    page = await loadPage({
      url: "https://acme.test/blog/abm?utm_source=x",
      head: '<meta name="embudo:stage" content="awareness">',
    });
    await settle();
    expect(collector.requests).toHaveLength(1);
    const { url, init, batch } = collector.requests[0]!;
    expect(url).toBe("https://collector.test/v1/events");
    expect(init).toMatchObject({ method: "POST", keepalive: true });
    expect(typeof init.body).toBe("string"); // sent as text/plain: no CORS preflight
    expect(batch).toMatchObject({ v: 1, site: "demo" });
    expect(batch.sentAt).toBeTypeOf("number");
    expect(batch.events).toEqual([
      expect.objectContaining({
        type: "content_view",
        url: "https://acme.test/blog/abm?utm_source=x",
        title: "Test page",
        stage: "awareness",
        id: expect.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/),
        visitorId: expect.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/),
        sessionId: expect.stringMatching(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/),
        ts: expect.any(Number),
      }),
    ]);
  });

  it("leaves out a stage the collector would refuse", async () => {
    const collector = fakeCollector();
    page = await loadPage({ head: '<meta name="embudo:stage" content="Awareness!">' });
    await settle();
    expect(collector.events()[0]).not.toHaveProperty("stage");
  });

  it("sends one view for a pushState to a new path and none for a replaceState to the same path", async () => {
    const collector = fakeCollector();
    page = await loadPage({ url: "https://acme.test/blog" });
    await settle();
    history.pushState({}, "", "/blog/abm");
    document.head.innerHTML = '<meta name="embudo:stage" content="evaluation">'; // the router renders after pushing
    await settle();
    history.replaceState({}, "", "/blog/abm?tab=2");
    await settle();
    expect(collector.events().map((event) => [event.type, event.url, event.stage])).toEqual([
      ["content_view", "https://acme.test/blog", undefined],
      ["content_view", "https://acme.test/blog/abm", "evaluation"],
    ]);
  });

  it("sends a view for a replaceState to a new path and for popstate back", async () => {
    const collector = fakeCollector();
    page = await loadPage({ url: "https://acme.test/a" });
    history.replaceState({}, "", "/b");
    await settle();
    history.pushState({}, "", "/c");
    await settle();
    history.back();
    await settle();
    expect(collector.events().map((event) => new URL(event.url).pathname)).toEqual(["/a", "/b", "/c", "/b"]);
  });

  it("sends a pricing_view on pricing pages, by path prefix and by meta tag", async () => {
    const collector = fakeCollector();
    page = await loadPage({ url: "https://acme.test/pricing/enterprise" });
    history.pushState({}, "", "/plans");
    await settle();
    document.head.innerHTML = '<meta name="embudo:page" content="pricing">';
    history.pushState({}, "", "/compare");
    await settle();
    page.unload();
    page = await loadPage({ url: "https://acme.test/tarifas", options: { pricing: "/precios, /tarifas" } });
    await settle();
    expect(collector.events().map((event) => event.type)).toEqual([
      "pricing_view",
      "content_view",
      "pricing_view",
      "pricing_view",
    ]);
  });

  it("records a view now with page()", async () => {
    const collector = fakeCollector();
    page = await loadPage();
    page.api.page();
    await settle();
    expect(collector.events().map((event) => event.type)).toEqual(["content_view", "content_view"]);
  });
});
