import { describe, expect, it } from "vitest";
import { mentionsEmail, replaceEmail } from "./email-mentions.ts";

describe("email mentions", () => {
  it("finds an address only whole, whatever its case and wherever it stands", () => {
    expect(mentionsEmail("ana@globex.com became sql", "ana@globex.com")).toBe(true);
    expect(mentionsEmail('{"reason":"ANA@globex.com is an SQL"}', "ana@globex.com")).toBe(true);
    expect(mentionsEmail("2 people: bo@globex.com, ana@globex.com", "ana@globex.com")).toBe(true);
    expect(mentionsEmail("mariana@globex.com became sql", "ana@globex.com")).toBe(false);
    expect(mentionsEmail("ana@globex.com.mx became sql", "ana@globex.com")).toBe(false);
    expect(mentionsEmail("The SQL is ana@globex.com.", "ana@globex.com")).toBe(true);
    expect(mentionsEmail("a+b@globex.com joined", "b@globex.com")).toBe(false);
    expect(mentionsEmail("anaXglobex.com joined", "ana.globex.com")).toBe(false);
  });

  it("replaces every whole mention and nothing else", () => {
    expect(
      replaceEmail("ana@globex.com became sql (mariana@globex.com too)", "ana@globex.com", "an erased person"),
    ).toBe("an erased person became sql (mariana@globex.com too)");
    expect(replaceEmail("ana@globex.com is an SQL; ana@globex.com left", "ana@globex.com", "x")).toBe(
      "x is an SQL; x left",
    );
  });
});
