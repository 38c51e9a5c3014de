import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SECONDS, retryAfterSeconds, retrySchedule } from "./retry-schedule.ts";

describe("retrySchedule", () => {
  it("is 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h unless set", () => {
    expect(retrySchedule(undefined)).toEqual([5, 300, 1800, 7200, 18_000, 36_000, 36_000]);
    expect(retrySchedule(undefined)).toBe(DEFAULT_RETRY_SECONDS);
  });

  it("reads EMBUDO_WEBHOOK_RETRY_SECONDS, and refuses a typo rather than never retrying", () => {
    expect(retrySchedule("1, 2,3")).toEqual([1, 2, 3]);
    expect(retrySchedule("")).toEqual([]);
    expect(() => retrySchedule("5,5m")).toThrow(/seconds separated by commas/);
    expect(() => retrySchedule("-1")).toThrow(/seconds separated by commas/);
  });
});

describe("retryAfterSeconds", () => {
  const now = Date.UTC(2026, 11, 3, 12);
  it("reads seconds and HTTP dates, and caps what a receiver may ask", () => {
    expect(retryAfterSeconds("120", now)).toBe(120);
    expect(retryAfterSeconds(new Date(now + 90_000).toUTCString(), now)).toBe(90);
    expect(retryAfterSeconds("999999", now)).toBe(36_000);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds("soon", now)).toBeNull();
  });
});
