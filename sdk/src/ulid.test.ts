import { decodeTime } from "ulid";
import { describe, expect, it } from "vitest";
import { ulid } from "./ulid.ts";

describe("ulid", () => {
  it("makes canonical upper-case ULIDs whose time the reference decoder reads back", () => {
    for (const time of [Date.UTC(2020, 0, 1), Date.now(), 2 ** 48 - 1]) {
      const id = ulid(time);
      expect(id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
      expect(decodeTime(id)).toBe(time);
    }
  });
  it("sorts by time", () => {
    expect(ulid(1_763_800_000_000) < ulid(1_763_800_000_001)).toBe(true);
  });
  it("makes a different id each time within one millisecond, drawing on every random character", () => {
    const time = 1_763_800_000_000;
    const ids = Array.from({ length: 10_000 }, () => ulid(time));
    expect(new Set(ids).size).toBe(ids.length);
    // Every random position takes all 32 characters over 10,000 draws (a stuck or biased
    // position would not): the id's uniqueness rests on all 80 bits.
    for (let position = 10; position < 26; position++) expect(new Set(ids.map((id) => id[position])).size).toBe(32);
  });
});
