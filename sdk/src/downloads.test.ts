import { describe, expect, it } from "vitest";
import { fakeCollector, loadPage, settle, usePageSandbox } from "./testing.ts";

usePageSandbox();

const click = (selector: string, init: MouseEventInit = {}) => {
  const link = document.querySelector(selector)!;
  // The page must not navigate away in the test; the tracker must not prevent it either.
  link.addEventListener("click", (event) => {
    expect(event.defaultPrevented).toBe(false);
    event.preventDefault();
  });
  link.dispatchEvent(
    new MouseEvent(init.button === 1 ? "auxclick" : "click", { bubbles: true, cancelable: true, ...init }),
  );
};

describe("downloads", () => {
  it("sends a download for a listed extension, with the page's stage", async () => {
    const collector = fakeCollector();
    await loadPage({
      url: "https://acme.test/blog/abm",
      head: '<meta name="embudo:stage" content="awareness">',
      body: '<a id="guide" href="/files/ABM-Guide.PDF"><span>Get the guide</span></a>',
    });
    click("#guide span");
    await settle();
    expect(collector.events().filter((event) => event.type === "download")).toEqual([
      expect.objectContaining({ href: "https://acme.test/files/ABM-Guide.PDF", stage: "awareness" }),
    ]);
  });

  it("sends a download for a link with a download attribute, with the link's stage override", async () => {
    const collector = fakeCollector();
    await loadPage({
      head: '<meta name="embudo:stage" content="awareness">',
      body: '<a id="sheet" href="/export?id=7" download data-embudo-stage="decision">Price sheet</a>',
    });
    click("#sheet");
    await settle();
    expect(collector.events().filter((event) => event.type === "download")).toEqual([
      // Only attribution parameters stay in an address (page.test.ts).
      expect.objectContaining({ href: "https://acme.test/export", stage: "decision" }),
    ]);
  });

  it("counts middle clicks and configured extensions, but not other links or right clicks", async () => {
    const collector = fakeCollector();
    await loadPage({
      options: { downloads: "pdf, key" },
      body: `<a id="deck" href="/deck.key">deck</a><a id="page" href="/about">about</a>
             <a id="zip" href="/a.zip">zip</a><a id="pdf" href="/b.pdf">pdf</a>`,
    });
    click("#deck", { button: 1 });
    click("#page");
    click("#zip"); // not in the configured list
    click("#pdf", { button: 2 });
    await settle();
    expect(
      collector
        .events()
        .filter((event) => event.type === "download")
        .map((event) => "href" in event && event.href),
    ).toEqual(["https://acme.test/deck.key"]);
  });
});
