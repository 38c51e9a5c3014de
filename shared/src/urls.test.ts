import { describe, expect, it } from "vitest";
import { attributionUrl } from "./urls.ts";

describe("attributionUrl", () => {
  it.each([
    ["a password-reset token", "https://acme.test/reset?token=s3cr3t", "https://acme.test/reset"],
    ["an OAuth fragment", "https://acme.test/callback#access_token=ya29.abc&state=x", "https://acme.test/callback"],
    ["an email in the query", "https://acme.test/welcome?email=ana%40acme.test", "https://acme.test/welcome"],
    ["an empty fragment", "https://acme.test/pricing#", "https://acme.test/pricing"],
    ["credentials", "https://ana:hunter2@acme.test/docs", "https://acme.test/docs"],
  ])("removes %s", (_, url, kept) => {
    expect(attributionUrl(url)).toBe(kept);
  });

  it("keeps campaign tags and click ids, in their order, and drops everything else around them", () => {
    expect(
      attributionUrl(
        "https://acme.test/demo?session=9f2&utm_source=newsletter&UTM_Medium=email&gclid=Cj0&gbraid=0AA&wbraid=1BB" +
          "&msclkid=abc&fbclid=IwA&li_fat_id=123&email=ana%40acme.test#step-2",
      ),
    ).toBe(
      "https://acme.test/demo?utm_source=newsletter&UTM_Medium=email&gclid=Cj0&gbraid=0AA&wbraid=1BB&msclkid=abc&fbclid=IwA&li_fat_id=123",
    );
  });

  it("returns a URL with nothing to remove exactly as given, and leaves non-URLs to validation", () => {
    for (const url of ["https://acme.test", "https://acme.test/blog/?utm_campaign=q4%20launch", "", "not a url"])
      expect(attributionUrl(url)).toBe(url);
  });
});
