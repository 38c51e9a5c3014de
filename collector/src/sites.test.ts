import { describe, expect, it } from "vitest";
import { ConfigError, parseSites } from "./config.ts";
import { ApiError } from "./errors.ts";
import { anySiteAllows, originAllowed, requireSite } from "./sites.ts";

const sites = parseSites({
  demo: { origins: ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"], scoreAutomation: true },
  acme: { origins: ["https://www.acme.test", "https://*.acme.test"] },
});

describe("originAllowed", () => {
  it.each([
    ["demo", "http://localhost:5173", true],
    ["demo", "http://localhost", true], // `:*` is any port, the default one included
    ["demo", "http://127.0.0.1:8080", true],
    ["demo", "http://[::1]:3000", true],
    ["demo", "https://localhost:5173", false],
    ["demo", "http://localhost.evil.test:5173", false],
    ["acme", "https://www.acme.test", true],
    ["acme", "https://blog.acme.test", true],
    ["acme", "https://acme.test", false],
    ["acme", "https://a.b.acme.test", false],
    ["acme", "https://evilacme.test", false],
    ["acme", "http://blog.acme.test", false],
    ["acme", "https://blog.acme.test:8443", false],
    ["acme", "null", false],
  ])("%s accepts %s: %s", (site, origin, allowed) => {
    expect(originAllowed(sites[site]!, origin)).toBe(allowed);
  });

  it("answers preflights for an origin any site allows", () => {
    expect(anySiteAllows(sites, "https://blog.acme.test")).toBe(true);
    expect(anySiteAllows(sites, "https://evil.test")).toBe(false);
  });
});

describe("parseSites and requireSite", () => {
  it("reads the configuration as an object or as JSON text, with defaults", () => {
    const parsed = parseSites(JSON.stringify({ shop: { origins: ["https://shop.test"] } }));
    expect(parsed.shop).toEqual({ origins: ["https://shop.test"], scoreAutomation: false, retentionDays: 395 });
  });

  it("fails loudly on a broken configuration", () => {
    expect(() => parseSites("{not json")).toThrow(new ConfigError("EMBUDO_SITES", "is not valid JSON"));
    expect(() => parseSites({ shop: { origins: "https://shop.test" } })).toThrow(
      /^EMBUDO_SITES is not valid: shop.origins/,
    );
  });

  it("refuses unknown keys, prototype names included, with 401", () => {
    for (const key of ["nobody", "__proto__", "constructor", "toString"]) {
      expect(() => requireSite(sites, key)).toThrow(ApiError);
    }
    expect(requireSite(sites, "acme").scoreAutomation).toBe(false);
  });
});
