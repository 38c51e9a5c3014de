/**
 * @embudo/shared — the wire format and the scoring engine, as pure functions.
 * The collector, the tests and the benchmarks import from here; the tracker imports types only.
 */

export * from "./api.ts";
export * from "./limits.ts";
export * from "./paging.ts";
export * from "./reports/index.ts";
export * from "./scoring/index.ts";
export * from "./time.ts";
export * from "./urls.ts";
export * from "./webhooks.ts";
export * from "./wire.ts";
