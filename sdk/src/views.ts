import { pricing } from "./config.ts";
import { emit } from "./events.ts";
import { isPricingPage } from "./page.ts";

/**
 * How long a SPA navigation waits before its view is recorded: routers update the title and
 * the `embudo:stage` meta tag after they push the new URL, and the view must carry the new ones.
 */
export const NAVIGATION_DELAY_MS = 100;

/** The path of the last recorded view. */
let path: string;

/** Records a view of the current page: a `pricing_view` on pricing pages, a `content_view` elsewhere. */
export const page = (): void => {
  path = location.pathname;
  emit(isPricingPage(pricing) ? "pricing_view" : "content_view");
};

/**
 * Records a view on every SPA navigation that changes the path: `pushState`, `replaceState`
 * or `popstate` to the same path (a query or hash update, a router canonicalising its URL)
 * sends nothing, and a redirect chain within the delay sends one view.
 */
export const trackNavigation = (): void => {
  const navigated = () =>
    setTimeout(() => {
      if (location.pathname != path) page();
    }, NAVIGATION_DELAY_MS);
  for (const method of ["pushState", "replaceState"] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History["pushState"]>) {
      original.apply(this, args);
      navigated();
    };
  }
  addEventListener("popstate", navigated);
};
