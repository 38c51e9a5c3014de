/**
 * The tracker keeps its own copies of the wire format's numbers and stage names, so the bundle
 * carries no shared module; compile-time `satisfies` checks cover the plain numbers, and these
 * tests cover what a type cannot.
 */
import { CONTENT_STAGES, LIMITS } from "@embudo/shared/limits";
import { describe, expect, it } from "vitest";
import { MAX_BATCH_CHARS } from "./delivery.ts";
import { validStage } from "./page.ts";

describe("the tracker's copy of the wire limits", () => {
  it("accepts exactly the collector's content stages", () => {
    for (const stage of CONTENT_STAGES) expect(validStage(stage)).toBe(stage);
    for (const other of ["Awareness", "consideration", "", "awareness|decision", undefined]) {
      expect(validStage(other)).toBeUndefined();
    }
  });

  it("keeps a batch's body under the collector's byte limit, even at 3 UTF-8 bytes a character", () => {
    const envelope = JSON.stringify({
      v: 1,
      site: "x".repeat(LIMITS.maxSiteKeyLength),
      sentAt: Date.now(),
      events: [],
    });
    expect(MAX_BATCH_CHARS * 3 + envelope.length * 3).toBeLessThanOrEqual(LIMITS.maxBodyBytes);
  });
});
