import type { Qualification, StageChange } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import { observedStageChange } from "./lead-projection.ts";

const lead = {
  leadId: "person:ana@acme.test",
  visitorId: "01JD0000000000000000000000",
  email: "ana@acme.test",
  site: "demo",
};
const NOW = Date.UTC(2026, 11, 3, 12);

function change(stage: StageChange["stage"], minute: number, eventId: string | null = `event-${minute}`): StageChange {
  return {
    stage,
    at: new Date(Date.UTC(2026, 11, 3, 11, minute)).toISOString(),
    reason: eventId ? `form_submit at ${minute}` : "decay: engagement below 30",
    rule: `rule at ${minute}`,
    eventId,
  };
}

/** A qualification with only what stage changes read: the stage and its history. */
function scored(...history: StageChange[]): Qualification {
  return { stage: history.at(-1)!.stage, stageHistory: history } as Qualification;
}

describe("observedStageChange", () => {
  it("does not record a visitor's first stage, anonymous: every visitor starts there", () => {
    expect(observedStageChange(lead, scored(change("anonymous", 1)), null, NOW)).toBeNull();
  });

  it("records a lead's first other stage from the stage the engine had before", () => {
    const q = scored(change("anonymous", 1), change("iql", 2));
    expect(observedStageChange(lead, q, null, NOW)).toEqual({
      ...lead,
      sequence: 1,
      previousStage: "anonymous",
      stage: "iql",
      at: change("iql", 2).at,
      reason: "form_submit at 2",
      rule: "rule at 2",
      eventId: "event-2",
      recordedAt: new Date(NOW).toISOString(),
    });
    // A lead whose very first stage was already past anonymous had none before.
    expect(observedStageChange(lead, scored(change("mql", 1)), null, NOW)).toMatchObject({
      sequence: 1,
      previousStage: null,
      stage: "mql",
    });
  });

  it("records nothing while the stage is the one last recorded, whatever else moved", () => {
    const q = scored(change("anonymous", 1), change("mql", 2), change("sql", 3), change("mql", 4));
    expect(observedStageChange(lead, q, { stage: "mql", sequence: 4 }, NOW)).toBeNull();
  });

  it("collapses the changes between two scores into one, with the latest's time, reason and event", () => {
    const q = scored(change("anonymous", 1), change("iql", 2), change("mql", 3), change("sql", 4));
    expect(observedStageChange(lead, q, { stage: "iql", sequence: 1 }, NOW)).toMatchObject({
      sequence: 2,
      previousStage: "iql",
      stage: "sql",
      at: change("sql", 4).at,
      eventId: "event-4",
    });
  });

  it("records a change time alone made, with no deciding event", () => {
    const q = scored(change("anonymous", 1), change("mql", 2), change("anonymous", 30, null));
    expect(observedStageChange(lead, q, { stage: "mql", sequence: 7 }, NOW)).toMatchObject({
      sequence: 8,
      previousStage: "mql",
      stage: "anonymous",
      reason: "decay: engagement below 30",
      eventId: null,
    });
  });
});
