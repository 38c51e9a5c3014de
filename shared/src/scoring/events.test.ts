import { describe, expect, it } from "vitest";
import { scoredEvents } from "./events.ts";
import { Journey } from "./journey.ts";

/** A journey's events, the ones from `automatedSite` marked as sent by an automated browser. */
function storedJourney() {
  const j = new Journey();
  const human = { ...j.view("/blog/abm"), site: "acme" };
  const bot = { ...j.view("/pricing"), site: "acme", automation: true };
  const demoBot = { ...j.view("/blog/x"), site: "demo", automation: true };
  const feedback = { ...j.sales("rejected", "not ready"), site: undefined };
  return { human, bot, demoBot, feedback };
}

describe("scoredEvents", () => {
  it("keeps people's events and sales feedback, and automated events only where they count", () => {
    const { human, bot, demoBot, feedback } = storedJourney();
    const scored = scoredEvents([human, bot, demoBot, feedback], (event) => event.site === "demo");
    expect(scored).toEqual([human, demoBot, feedback]);
  });

  it("asks about automated tracked events only", () => {
    const { human, bot, feedback } = storedJourney();
    const asked: unknown[] = [];
    scoredEvents([human, bot, feedback], (event) => {
      asked.push(event);
      return false;
    });
    expect(asked).toEqual([bot]);
  });

  it("is null when no tracked event counts: only automated traffic, or only feedback", () => {
    const { bot, feedback } = storedJourney();
    expect(scoredEvents([bot], () => false)).toBeNull();
    expect(scoredEvents([bot, feedback], () => false)).toBeNull();
    expect(scoredEvents([feedback], () => true)).toBeNull();
    expect(scoredEvents([], () => true)).toBeNull();
    expect(scoredEvents([bot, feedback], () => true)).toEqual([bot, feedback]);
  });
});
