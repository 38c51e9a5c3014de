/**
 * Units of time in milliseconds, the unit of every `ts` in the wire format and the engine.
 * A leaf: it imports nothing, so the contract, the engine, the reports and the collector can all
 * take their units from here without depending on one another.
 */

/** One minute in milliseconds. */
export const MINUTE = 60_000;
/** One hour in milliseconds. */
export const HOUR = 3_600_000;
/** One day in milliseconds: a UTC day, as caps, windows and half-lives count days. */
export const DAY = 86_400_000;
