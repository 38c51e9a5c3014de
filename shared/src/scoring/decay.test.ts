import { describe, expect, it } from "vitest";
import { DecayingSum, decayFactor } from "./decay.ts";

const DAY = 86_400_000;
const H = 30 * DAY;

describe("decaying sum", () => {
  it("halves every half-life", () => {
    const sum = new DecayingSum(H);
    sum.add(16, 0);
    expect(sum.valueAt(30 * DAY)).toBeCloseTo(8, 12);
    expect(sum.valueAt(60 * DAY)).toBeCloseTo(4, 12);
    expect(decayFactor(30 * DAY, H)).toBe(0.5);
  });

  it("equals the sum of each event's decayed points", () => {
    const sum = new DecayingSum(H);
    const events = [
      [20, 0],
      [15, 3 * DAY],
      [-10, 5 * DAY],
      [6, 40 * DAY],
    ] as const;
    for (const [points, at] of events) sum.add(points, at);
    const t = 50 * DAY;
    const expected = events.reduce((total, [points, at]) => total + points * decayFactor(t - at, H), 0);
    expect(sum.valueAt(t)).toBeCloseTo(expected, 10);
  });

  it("stays finite over decades of events", () => {
    const sum = new DecayingSum(H);
    let last = 0;
    for (let day = 0; day < 365 * 60; day += 7) {
      sum.add(5, day * DAY);
      last = day;
    }
    const value = sum.valueAt(last * DAY);
    expect(Number.isFinite(value)).toBe(true);
    // Geometric series of 5 points a week: 5 / (1 - 2^(-7/30)).
    expect(value).toBeCloseTo(5 / (1 - 2 ** (-7 / 30)), 6);
  });

  it("finds the first millisecond below a threshold exactly", () => {
    const sum = new DecayingSum(H);
    sum.add(75, 1_000);
    const at = sum.firstTimeBelow(70, 1_000)!;
    expect(sum.valueAt(at)).toBeLessThan(70);
    expect(sum.valueAt(at - 1)).toBeGreaterThanOrEqual(70);
    expect(at - 1_000).toBeCloseTo(H * Math.log2(75 / 70), -1);
    expect(sum.firstTimeBelow(80, 1_000)).toBeNull();
    expect(sum.firstTimeBelow(0, 1_000)).toBeNull();
  });
});
