import { ATTRIBUTION_PARAMETER, attributionUrl } from "@embudo/shared/urls";
import { afterEach, describe, expect, it } from "vitest";
import { keptQuery, keptUrl } from "./page.ts";
import { fakeCollector, loadPage, settle, usePageSandbox } from "./testing.ts";

usePageSandbox();
afterEach(() => {
  delete (document as { referrer?: string }).referrer;
});

/** The address a link or `location` would give the tracker. */
const linkTo = (href: string) => Object.assign(document.createElement("a"), { href });

/** Every name of the collector's list, written out: `utm_.+` as `utm_source`, `UTM_Term_2` and `utm_a-b`. */
const attributionNames = ATTRIBUTION_PARAMETER.source
  .replace(/^\^\(|\)\$$/g, "")
  .split("|")
  .flatMap((name) => (name === "utm_.+" ? ["utm_source", "UTM_Term_2", "utm_a-b"] : [name, name.toUpperCase()]));

/**
 * What an address says: page, decoded parameters in order, fragment. The collector re-encodes a
 * query it removed something from ("?" as "%3F"); the tracker sends the kept ones as they were.
 */
const parameters = (url: string) => {
  const parsed = new URL(url);
  return [parsed.origin + parsed.pathname, [...parsed.searchParams], parsed.hash, parsed.username];
};

describe("addresses", () => {
  it("keep no fragment, no credentials and only the attribution parameters", () => {
    expect(
      keptUrl(linkTo("https://ana:s3cret@acme.test/reset?token=abc&utm_source=news&email=ana%40acme.test#x=1")),
    ).toBe("https://acme.test/reset?utm_source=news");
    expect(keptUrl(linkTo("https://acme.test/welcome#access_token=ya29.secret&state=1"))).toBe(
      "https://acme.test/welcome",
    );
    expect(keptUrl(linkTo("https://acme.test/?gclid=Cj0&x=1&fbclid=Iw&li_fat_id=9"))).toBe(
      "https://acme.test/?gclid=Cj0&fbclid=Iw&li_fat_id=9",
    );
    expect(keptUrl(linkTo("https://acme.test/a?email=ana%40acme.test"))).toBe("https://acme.test/a");
  });

  it("keep a name of the list only as a whole name, with or without a value", () => {
    expect(keptQuery("?gclidx=1&xgclid=2&utm_=3&utm_term&gclid&utm-source=4")).toBe("?utm_term&gclid");
    expect(keptQuery("")).toBe("");
    expect(keptQuery("?")).toBe("");
  });

  it("keep what the collector keeps", () => {
    const others = ["token", "email", "state", "code", "gclidx", "utm_", "utm-source", "x"];
    const values = ["1", "a%26b", "", "ana@acme.test", "?next=/a"];
    let checked = 0;
    // Every pair of names in both orders, with a value each: enough to see any place the two part.
    for (const first of [...attributionNames, ...others])
      for (const second of [...attributionNames, ...others]) {
        const value = values[checked++ % values.length];
        const url = `https://acme.test/p?${first}=${value}&${second}=v#f`;
        expect(parameters(keptUrl(linkTo(url))), url).toEqual(parameters(attributionUrl(url)));
      }
    expect(attributionNames).toContain("li_fat_id");
  });

  it("of the page and a download are sent without what attribution does not need; a referrer without query", async () => {
    const collector = fakeCollector();
    Object.defineProperty(document, "referrer", {
      configurable: true,
      value: "https://acme.test/account?session=abc&utm_medium=email",
    });
    await loadPage({
      url: "https://acme.test/reset?token=abc&utm_source=news&email=ana%40acme.test#access_token=ya29",
      body: '<a id="file" href="https://cdn.acme.test/guide.pdf?X-Amz-Signature=s1gn&utm_campaign=q4#page=2">guide</a>',
    });
    document.querySelector<HTMLAnchorElement>("#file")!.addEventListener("click", (event) => event.preventDefault());
    document.querySelector<HTMLAnchorElement>("#file")!.click();
    await settle();
    const [view, download] = collector.events();
    expect(view).toMatchObject({
      url: "https://acme.test/reset?utm_source=news",
      referrer: "https://acme.test/account",
    });
    expect(download).toMatchObject({ type: "download", href: "https://cdn.acme.test/guide.pdf?utm_campaign=q4" });
    const sent = JSON.stringify(collector.requests.map((request) => request.batch));
    for (const secret of ["token", "abc", "ana%40", "ya29", "s1gn", "session=", "utm_medium", "page=2"])
      expect(sent).not.toContain(secret);
  });
});
