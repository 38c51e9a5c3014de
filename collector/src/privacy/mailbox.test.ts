import { describe, expect, it } from "vitest";
import { mailboxOf } from "./mailbox.ts";

describe("mailboxOf", () => {
  it("drops a plus tag, at any domain", () => {
    expect(mailboxOf("ana+news@acme.com")).toBe("ana@acme.com");
    expect(mailboxOf("ana+a+b@acme.com")).toBe("ana@acme.com");
  });

  it("reads Gmail's dotted forms and googlemail.com as one mailbox", () => {
    expect(mailboxOf("ana.bel@gmail.com")).toBe("anabel@gmail.com");
    expect(mailboxOf("a.n.a.bel+x@googlemail.com")).toBe("anabel@gmail.com");
  });

  it("keeps dots where the provider does not ignore them, and what is no address as it is", () => {
    expect(mailboxOf("ana.bel@acme.com")).toBe("ana.bel@acme.com");
    expect(mailboxOf("+ana@acme.com")).toBe("+ana@acme.com");
    expect(mailboxOf("no-address")).toBe("no-address");
  });
});
