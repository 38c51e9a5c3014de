/**
 * What the last form did, carried through its redirect as a code (`?done=spend`): the page writes
 * the message itself, so no link can make the dashboard say something of its choosing.
 */
import type { Context } from "hono";
import { href } from "./layout.tsx";

/** Every code a form redirects with, and what the page then says. */
const DONE_MESSAGES: Record<string, string> = {
  accepted: "Recorded: sales accepted the lead.",
  rejected: "Recorded: sales rejected the lead (not ready).",
  disqualified: "Recorded: sales disqualified the lead.",
  "claim-confirmed": "Recorded: the browser is the person; its events count for the lead.",
  "claim-rejected": "Recorded: the browser is not the person; its events do not count.",
  spend: "Spend saved.",
  replay: "Delivery sent again.",
};

/** The message of the request's `done` code, or undefined for none or an unknown one. */
export function flash(c: Context): string | undefined {
  const done = c.req.query("done");
  return done !== undefined && Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
}

/** Where a form sends the browser once the API did what it asked: `path` saying `done`. */
export function doneHref(path: string, done: string): string {
  return href(`${path}?${new URLSearchParams({ done })}`);
}
