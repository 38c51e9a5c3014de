import { describe, expect, it } from "vitest";
import { afterAttempt, DEFAULT_RETRY_SECONDS, retryAfterSeconds, retrySchedule } from "./retry-schedule.ts";

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

describe("afterAttempt", () => {
  const now = 1_000_000;
  const answered = (status: number | null, retryAfterSeconds: number | null = null) => ({ status, retryAfterSeconds });

  it("ends a delivery on a 2xx, and fails it on a 410 whatever the schedule has left", () => {
    expect(afterAttempt(answered(204), 5, now)).toEqual({ status: "succeeded", at: null });
    expect(afterAttempt(answered(410), 5, now)).toEqual({ status: "failed", at: null });
  });

  it("tries again after the schedule's next wait, or the receiver's Retry-After when it asks for longer", () => {
    expect(afterAttempt(answered(500), 5, now)).toEqual({ status: "pending", at: now + 5000 });
    expect(afterAttempt(answered(null), 300, now)).toEqual({ status: "pending", at: now + 300_000 });
    expect(afterAttempt(answered(429, 60), 5, now)).toEqual({ status: "pending", at: now + 60_000 });
    // Never sooner: `Retry-After: 0` from a receiver in trouble does not spend the schedule in seconds.
    expect(afterAttempt(answered(503, 0), 300, now)).toEqual({ status: "pending", at: now + 300_000 });
    expect(afterAttempt(answered(503, 10), 300, now)).toEqual({ status: "pending", at: now + 300_000 });
  });

  it("fails a delivery once the schedule has no wait left", () => {
    expect(afterAttempt(answered(503, 60), undefined, now)).toEqual({ status: "failed", at: null });
  });
});
