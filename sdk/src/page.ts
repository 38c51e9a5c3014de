import type { ContentStage } from "@embudo/shared";
import { CONTENT_STAGES } from "@embudo/shared/limits";

/**
 * The stage if it is one the collector accepts: a typo must not get the whole event rejected.
 * A list lookup, not a regular expression: the first one a page runs costs more than the rest of
 * this module, and the tracker runs none on load.
 */
export const validStage = (value: string | null | undefined): ContentStage | undefined =>
  CONTENT_STAGES.includes(value as ContentStage) ? (value as ContentStage) : undefined;

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
