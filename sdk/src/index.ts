/**
 * The ESM build (`@embudo/sdk`): the script tag's API as functions, plus `init()`.
 * Calls made before `init()` are held and replayed by it, like the script tag's stub.
 *
 * ```ts
 * import { init, track } from "@embudo/sdk";
 * init({ site: "SITE_KEY", api: "https://collector.example" });
 * track("demo_request", { plan: "team" });
 * ```
 */

import type { Embudo } from "./api.ts";
import type { InitOptions } from "./config.ts";
import { api, type QueuedCall, start } from "./tracker.ts";

export type { Embudo, Props, Traits } from "./api.ts";
export type { InitOptions } from "./config.ts";

let started = false;
const early: QueuedCall[] = [];

/** Starts tracking. Only the first call counts: there is one tracker per page. */
export function init(options: InitOptions): void {
  if (!started) start((name) => options[name], early.splice(0));
  started = true;
}

const call =
  <K extends keyof Embudo>(name: K) =>
  (...args: Parameters<Embudo[K]>): void => {
    if (started) (api[name] as (...args: unknown[]) => unknown)(...args);
    else early.push([name, ...args]);
  };

/** Records a custom event, e.g. `track("demo_request", { plan: "team" })`. */
export const track = call("track");
/** Attaches identity (`email` required) to this visitor. */
export const identify = call("identify");
/** Records a view of the current page now (SPA navigation is already automatic). */
export const page = call("page");
/** Grants or withdraws consent. */
export const consent = call("consent");
/** Forgets the visitor and session ids. */
export const reset = call("reset");
/** This browser's visitor id, or `undefined` before `init()`. */
export function visitorId(): string | undefined {
  return started ? api.visitorId() : undefined;
}
