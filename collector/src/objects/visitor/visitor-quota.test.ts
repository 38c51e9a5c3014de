import { describe, expect, it } from "vitest";
import { remainingQuota } from "./visitor-quota.ts";

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23, 15, 0);
const quota = { perDay: 5, total: 12 };

describe("remainingQuota", () => {
  it("counts today's events against the daily quota, from UTC midnight", () => {
    const yesterdayLate = now - 15 * 3_600_000 - 1;
    const todayEarly = now - 15 * 3_600_000;
    expect(remainingQuota([yesterdayLate, yesterdayLate], now, quota)).toBe(5);
    expect(remainingQuota([todayEarly, todayEarly, now], now, quota)).toBe(2);
    expect(remainingQuota([now, now, now, now, now, now], now, quota)).toBe(0);
  });

  it("counts every event against the total", () => {
    const lastWeek = Array.from({ length: 10 }, (_, i) => now - (i + 1) * DAY);
    expect(remainingQuota(lastWeek, now, quota)).toBe(2);
    expect(remainingQuota([...lastWeek, now, now], now, quota)).toBe(0);
  });
});
