/**
 * Touches: each channel rule with its boundaries, answers written by hand, and a lead's first and
 * latest touch through the engine.
 */
import { describe, expect, it } from "vitest";
import { Journey } from "./journey.ts";
import { defaultModel } from "./model.ts";
import { assessPerson } from "./people.ts";
import { scoreVisitor } from "./score.ts";
import { touchOf } from "./touch.ts";

const at = "2026-03-02T09:00:00.000Z";
const touch = (url: string, referrer?: string) =>
  touchOf({ url: `https://acme.test${url}`, referrer, landingPage: "/landing", at });
const channel = (url: string, referrer?: string) => touch(url, referrer).channel;

describe("channel rules, first match wins", () => {
  it("paid_search: a search ad's click id, or a paid-search medium", () => {
    for (const id of ["gclid", "gbraid", "wbraid", "msclkid"]) expect(channel(`/?${id}=abc`)).toBe("paid_search");
    expect(channel("/?GCLID=abc")).toBe("paid_search");
    for (const medium of ["cpc", "ppc", "paid_search", "paidsearch", "sem", "CPC"]) {
      expect(channel(`/?utm_source=google&utm_medium=${medium}`)).toBe("paid_search");
    }
    // Rule 1 before rule 2: a cpc medium on LinkedIn is still paid search by these rules.
    expect(channel("/?utm_source=linkedin&utm_medium=cpc")).toBe("paid_search");
    // A click id beats a social referrer.
    expect(channel("/?gclid=x", "https://www.linkedin.com/")).toBe("paid_search");
  });

  it("paid_social: a paid-social medium, or a paid medium from a social network", () => {
    for (const medium of ["paid_social", "paidsocial", "social_paid", "social-paid"]) {
      expect(channel(`/?utm_source=partner&utm_medium=${medium}`)).toBe("paid_social");
    }
    expect(channel("/?utm_source=linkedin&utm_medium=paid")).toBe("paid_social");
    expect(channel("/?utm_source=facebook_ads&utm_medium=paid-ads")).toBe("paid_social");
    // Rule 2 before rule 3: a paid-social medium wins over a newsletter source.
    expect(channel("/?utm_source=newsletter&utm_medium=paid_social")).toBe("paid_social");
    expect(channel("/?utm_source=x.com&utm_medium=paid")).toBe("paid_social");
    // "paid" from a source that is no social network is some other campaign.
    expect(channel("/?utm_source=capterra&utm_medium=paid")).toBe("other_campaign");
    // fbclid alone is not a paid click (shares carry it too): the referrer decides.
    expect(channel("/?fbclid=abc", "https://m.facebook.com/")).toBe("organic_social");
  });

  it("email: an email medium, or a source naming email or a newsletter", () => {
    expect(channel("/?utm_medium=email&utm_source=hubspot")).toBe("email");
    expect(channel("/?utm_medium=e-mail")).toBe("email");
    expect(channel("/?utm_source=weekly-newsletter")).toBe("email");
    expect(channel("/?utm_source=Email_Blast&utm_medium=blast")).toBe("email");
  });

  it("organic_social: a social medium, or a social network's referrer", () => {
    for (const medium of ["social", "social-network", "social-media", "sm"]) {
      expect(channel(`/?utm_source=partner&utm_medium=${medium}`)).toBe("organic_social");
    }
    for (const referrer of [
      "https://www.linkedin.com/feed/",
      "https://lnkd.in/abc",
      "https://l.facebook.com/",
      "https://www.instagram.com/",
      "https://x.com/someone",
      "https://t.co/xyz",
      "https://twitter.com/",
      "https://www.youtube.com/watch",
      "https://old.reddit.com/r/marketing",
      "https://www.xing.com/",
      "https://www.tiktok.com/",
    ]) {
      expect(channel("/", referrer), referrer).toBe("organic_social");
    }
    // Not a social network for being near one in name.
    expect(channel("/", "https://t.com/")).toBe("referral");
    expect(channel("/", "https://x.company.test/")).toBe("referral");
  });

  it("other_campaign: any other utm tag", () => {
    expect(channel("/?utm_campaign=q4-abm")).toBe("other_campaign");
    expect(channel("/?utm_source=g2&utm_medium=review")).toBe("other_campaign");
    // The tag wins over the referrer it came with.
    expect(channel("/?utm_source=partner", "https://www.google.com/")).toBe("other_campaign");
  });

  it("organic_search: a search engine's referrer, in any country", () => {
    for (const referrer of [
      "https://www.google.com/",
      "https://www.google.co.uk/",
      "https://google.es/",
      "https://www.bing.com/search",
      "https://duckduckgo.com/",
      "https://search.yahoo.com/",
      "https://www.ecosia.org/",
      "https://www.baidu.com/",
      "https://yandex.ru/",
      "https://www.qwant.com/",
      "https://search.brave.com/",
    ]) {
      expect(channel("/", referrer), referrer).toBe("organic_search");
    }
  });

  it("referral, then direct; the site's own pages are no referrer", () => {
    expect(channel("/", "https://blog.partner.test/post")).toBe("referral");
    // Webmail sits on search engines' domains: a link in an email, not a search.
    expect(channel("/", "https://mail.google.com/")).toBe("referral");
    expect(channel("/", "https://mail.yahoo.com/")).toBe("referral");
    expect(channel("/")).toBe("direct");
    expect(channel("/", "")).toBe("direct");
    expect(channel("/", "https://acme.test/blog/abm")).toBe("direct");
    expect(channel("/", "https://www.acme.test/blog/abm")).toBe("direct");
    // Another subdomain of the company is another host: a referral.
    expect(channel("/", "https://docs.acme.test/")).toBe("referral");
  });
});

describe("the touch's fields", () => {
  it("source, medium and campaign from utm tags, trimmed and lower-cased", () => {
    expect(touch("/pricing?utm_source=LinkedIn&utm_medium=Paid_Social&utm_campaign=%20Q4-ABM%20")).toEqual({
      channel: "paid_social",
      source: "linkedin",
      medium: "paid_social",
      campaign: "q4-abm",
      landingPage: "/landing",
      referrer: null,
      at,
    });
  });

  it("the referrer's host as source when there is no utm_source", () => {
    expect(touch("/", "https://www.google.es/")).toEqual({
      channel: "organic_search",
      source: "www.google.es",
      medium: null,
      campaign: null,
      landingPage: "/landing",
      referrer: "https://www.google.es/",
      at,
    });
  });

  it("nothing from the site's own referrer", () => {
    expect(touch("/", "https://acme.test/blog")).toMatchObject({ channel: "direct", source: null, referrer: null });
  });

  it("the first value of a tag given twice; an empty tag is none", () => {
    expect(touch("/?utm_source=news&utm_source=ads&utm_medium=")).toMatchObject({
      channel: "other_campaign",
      source: "news",
      medium: null,
    });
  });
});

describe("a lead's touches", () => {
  it("first from the earliest event, latest from the first event of the latest session", () => {
    const j = new Journey();
    j.view("/blog/abm/?utm_source=newsletter&utm_medium=email&utm_campaign=march", { after: 0 });
    j.view("/blog/mql-vs-sql", { referrer: "https://acme.test/blog/abm/" });
    j.wait(3);
    j.view("/case-studies/acme", { referrer: "https://www.google.com/" });
    // Later in the same session: not the latest touch, even from another site.
    j.view("/pricing", { referrer: "https://www.linkedin.com/" });
    const q = scoreVisitor(j.events, defaultModel, j.now);
    expect(q.source).toEqual({
      first: {
        channel: "email",
        source: "newsletter",
        medium: "email",
        campaign: "march",
        landingPage: "/blog/abm",
        referrer: null,
        at: "2026-03-02T09:00:00.000Z",
      },
      latest: {
        channel: "organic_search",
        source: "www.google.com",
        medium: null,
        campaign: null,
        landingPage: "/case-studies/acme",
        referrer: "https://www.google.com/",
        at: "2026-03-05T09:02:00.000Z",
      },
    });
  });

  it("a person's first touch is its earliest event on any of its browsers", () => {
    const phone = new Journey({ visitor: 1, start: Date.UTC(2026, 2, 2, 9, 0) });
    phone.view("/blog/abm", { referrer: "https://www.linkedin.com/" });
    phone.identify({ email: "ana@acme.test" });
    const laptop = new Journey({ visitor: 2, firstId: 100, start: Date.UTC(2026, 2, 1, 9, 0) });
    laptop.view("/", { referrer: "https://duckduckgo.com/" });
    laptop.wait(2);
    laptop.form("demo", { intent: "demo", traits: { email: "ana@acme.test" } });
    const { qualification } = assessPerson(
      "ana@acme.test",
      [...phone.events, ...laptop.events],
      defaultModel,
      laptop.now,
    )!;
    expect(qualification.source?.first).toMatchObject({ channel: "organic_search", at: "2026-03-01T09:01:00.000Z" });
    // The laptop's demo form, two days later, started the person's latest session.
    expect(qualification.source?.latest).toMatchObject({
      channel: "direct",
      landingPage: "/",
      at: "2026-03-03T09:02:00.000Z",
    });
  });

  it("none for a lead seen only through sales feedback", () => {
    const j = new Journey();
    j.sales("disqualified", "not our market");
    expect(scoreVisitor(j.events, defaultModel, j.now).source).toBeNull();
  });
});
