/** Network tags: one per network, never the address. */
import { describe, expect, it } from "vitest";
import { networkOf, networkTag } from "./network.ts";

describe("networkOf", () => {
  it("keeps an IPv4 address whole and an IPv6 address's first 64 bits, however it is written", () => {
    expect(networkOf("203.0.113.7")).toBe("203.0.113.7");
    expect(networkOf("2001:db8:85a3:1:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:85a3:1");
    expect(networkOf("2001:0DB8:85A3:0001::1")).toBe("2001:db8:85a3:1");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0:0");
    expect(networkOf("::1")).toBe("0:0:0:0");
  });
});

describe("networkTag", () => {
  it("is one tag for two devices of one network, and another for another network or key", async () => {
    const phone = await networkTag("key", "2001:db8:85a3:1::aaaa");
    const laptop = await networkTag("key", "2001:db8:85a3:1::bbbb");
    expect(phone).toMatch(/^[0-9a-f]{16}$/);
    expect(laptop).toBe(phone);
    expect(await networkTag("key", "2001:db8:85a3:2::aaaa")).not.toBe(phone);
    expect(await networkTag("another key", "2001:db8:85a3:1::aaaa")).not.toBe(phone);
    expect(await networkTag("key", "203.0.113.7")).not.toBe(await networkTag("key", "203.0.113.8"));
  });

  it("is undefined without a key", async () => {
    expect(await networkTag(undefined, "203.0.113.7")).toBeUndefined();
  });
});
