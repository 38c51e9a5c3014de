import { describe, expect, it } from "vitest";
import { medianRatio, quantile } from "./stats.ts";

/** A seeded generator (mulberry32), so that the bootstrap is the same on every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe("quantile", () => {
  it("takes the nearest rank, whatever the order", () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("medianRatio", () => {
  it("gives the ratio of the medians, inside an interval that narrows as samples agree", () => {
    const a = [1.9, 2.0, 2.1, 2.0, 1.95, 2.05, 2.0, 2.1, 1.9, 2.0];
    const b = a.map((value) => value * 2);
    const same = medianRatio(a, b, 500, seeded(1));
    expect(same.ratio).toBe(0.5);
    expect(same.low).toBeLessThanOrEqual(0.5);
    expect(same.high).toBeGreaterThanOrEqual(0.5);
    const noisy = medianRatio([1, 3, 1.5, 2.5, 2, 4, 1.2], b, 500, seeded(1));
    expect(noisy.high - noisy.low).toBeGreaterThan(same.high - same.low);
  });
});
