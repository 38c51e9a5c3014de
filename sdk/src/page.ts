import type { ContentStage } from "@embudo/shared";

const STAGE = /^(awareness|evaluation|decision)$/;

/** The stage if it is one the collector accepts: a typo must not get the whole event rejected. */
export const validStage = (value: string | null | undefined): ContentStage | undefined =>
  value && STAGE.test(value) ? (value as ContentStage) : undefined;

/** The content of `<meta name="embudo:NAME">`, read at event time because SPAs change it. */
const meta = (name: string): string | undefined =>
  document.querySelector<HTMLMetaElement>(`meta[name="embudo:${name}"]`)?.content;

/** The funnel stage of the current page, from `<meta name="embudo:stage">`. */
export const pageStage = (): ContentStage | undefined => validStage(meta("stage"));

/** True on a pricing page: marked by `<meta name="embudo:page" content="pricing">` or by path. */
export const isPricingPage = (prefixes: string[]): boolean =>
  meta("page") == "pricing" || prefixes.some((prefix) => location.pathname.startsWith(prefix));
