import type { WireEvent, Traits as WireTraits } from "@embudo/shared";
import type { LIMITS } from "@embudo/shared/limits";
import type { Traits } from "./api.ts";
import { enqueue } from "./delivery.ts";
import { ids } from "./identity.ts";
import { keptUrl, pageStage } from "./page.ts";
import { consent, isAutomated } from "./privacy.ts";
import { ulid } from "./ulid.ts";

/** The fields an event of `type` adds to, or overrides in, the common ones (@embudo/shared's wire.ts). */
export type EventFields<T extends WireEvent["type"]> = Partial<Omit<Extract<WireEvent, { type: T }>, "type">>;

/**
 * Records one event of `type`: fills in the common fields (a fresh id that it keeps across
 * retries, visitor, session, time, page, stage), then `fields`, and queues it. Nothing is
 * recorded once consent is refused; while it is awaited, events are held in memory.
 */
export const emit = <T extends WireEvent["type"]>(type: T, fields?: EventFields<T>): void => {
  if (consent < 0) return;
  const now = Date.now();
  // With `now`, ids() always has a session.
  const [visitorId, sessionId] = ids(now) as [string, string];
  enqueue({
    id: ulid(now),
    type,
    visitorId,
    sessionId,
    ts: now,
    // The collector refuses longer ones; a cut URL still says which page it was.
    url: keptUrl(location).slice(0, 2048 satisfies typeof LIMITS.maxUrlLength),
    // The collector cuts a long title to its limit, for every client.
    title: document.title,
    // Attribution reads the referrer's host only. Browsers send no fragment or credentials in a
    // referrer, but a page of the site as referrer carries its query: dropped, with no regular
    // expression run for it.
    referrer: document.referrer.split("?")[0],
    stage: pageStage(),
    automation: isAutomated() || undefined,
    ...fields,
  } as WireEvent);
};

/** Compiles only while the public `Traits` of api.ts are exactly the wire format's. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
// biome-ignore lint/correctness/noUnusedVariables: a check for tsc alone; nothing uses it, and it costs no bytes.
type PublicTraitsMatchWire = Assert<Same<Traits, WireTraits>>;
