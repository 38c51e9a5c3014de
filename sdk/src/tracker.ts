import type { Embudo } from "./api.ts";
import { configure, type OptionReader } from "./config.ts";
import { flush } from "./delivery.ts";
import { trackDownloads } from "./downloads.ts";
import { emit } from "./events.ts";
import { trackForms } from "./forms.ts";
import { forgetVisitor, visitorId } from "./identity.ts";
import { initConsent, setConsent } from "./privacy.ts";
import { page, trackNavigation } from "./views.ts";

/** A call made before the tracker ran: the method's name, then its arguments. */
export type QueuedCall = ArrayLike<unknown>;

/** The API; its methods are plain functions, safe to call detached. */
export const api: Embudo = {
  track: (name, props) => emit("custom", { name, props }),
  // The collector judges the email, as it does a form's: one rule, not two that can disagree.
  identify: (traits) => emit("identify", { traits }),
  page,
  consent(granted) {
    setConsent(granted);
    flush();
  },
  visitorId,
  reset: forgetVisitor,
};

/** Calls the API by name, as the stub's queue and `embudo("track", …)` do; unknown names are ignored. */
export const call = (name: keyof Embudo, ...args: unknown[]): unknown =>
  (api[name] as ((...args: unknown[]) => unknown) | undefined)?.(...args);

/**
 * Starts tracking this page with the options `option` reads: replays `queued` calls in order
 * (so that a queued `consent` or `identify` applies before anything else), records the view
 * of the current page, then captures navigation, downloads and forms.
 */
export const start = (option: OptionReader, queued: Iterable<QueuedCall> = []): Embudo => {
  const forms = configure(option);
  initConsent();
  for (const queuedCall of queued as Iterable<Parameters<typeof call>>) call(...queuedCall);
  page();
  trackNavigation();
  trackDownloads();
  if (forms) trackForms();
  // A hidden page may never come back (tab closed, app switched on mobile): send now.
  // visibilitychange bubbles from the document to the window.
  addEventListener("pagehide", () => flush(true));
  addEventListener("visibilitychange", () => document.hidden && flush(true));
  return api;
};
