import { describe, expect, it } from "vitest";
import { isoString } from "./iso.ts";

describe("isoString", () => {
  it("matches Date#toISOString", () => {
    const samples = [
      0,
      1,
      951_782_400_000,
      951_868_799_999,
      4_107_542_400_000,
      Date.UTC(2026, 1, 28, 23, 59, 59, 999),
      Date.UTC(2028, 1, 29),
      -1,
      -86_400_001,
    ];
    let x = 1_577_836_800_000;
    for (let i = 0; i < 5000; i++) {
      x = (x * 48271 + 12345) % 4_102_444_800_000;
      samples.push(x);
    }
    for (const ts of samples) expect(isoString(ts)).toBe(new Date(ts).toISOString());
  });
});
