import type { ContentStage } from "@embudo/shared";

const STAGE = /^(awareness|evaluation|decision)$/;

/** The stage if it is one the collector accepts: a typo must not get the whole event rejected. */
export const validStage = (value: string | null | undefined): ContentStage | undefined =>
  value && STAGE.test(value) ? (value as ContentStage) : undefined;

/**
 * The content of `<meta name="embudo:NAME">`, read at event time because SPAs change it. Only the
 * head is searched, where meta tags belong: an absent tag is the common case, and searching a
 * long article's whole body for it on every event was a measurable part of the load cost.
 */
const meta = (name: string): string | undefined =>
  document.head.querySelector<HTMLMetaElement>(`meta[name="embudo:${name}"]`)?.content;

/** The funnel stage of the current page, from `<meta name="embudo:stage">`. */
export const pageStage = (): ContentStage | undefined => validStage(meta("stage"));

/** True on a pricing page: marked by `<meta name="embudo:page" content="pricing">` or by path. */
export const isPricingPage = (prefixes: string[]): boolean =>
  meta("page") == "pricing" || prefixes.some((prefix) => location.pathname.startsWith(prefix));
