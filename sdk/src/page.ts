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

/** The click ids attribution reads: `ATTRIBUTION_PARAMETER` of @embudo/shared/urls lists them too. */
const CLICK_IDS = ["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "li_fat_id"];

/**
 * `search` (a query string with its "?", or "") with only the parameters attribution needs: the
 * `utm_*` tags and the click ids, whatever their case, as the collector keeps them (page.test.ts
 * checks that both agree). So a password-reset token or an `?email=` never leaves the page.
 * String methods and a list, no regular expression: a page's first one cost the tracker more
 * on load than the rest of this module, and landing pages carry a query.
 */
export const keptQuery = (search: string): string => {
  const kept = search
    .slice(1)
    .split("&")
    .filter((parameter) => {
      const name = parameter.split("=")[0]!.toLowerCase();
      // "utm_" alone is not a tag.
      return name.startsWith("utm_") ? name[4] : CLICK_IDS.includes(name);
    });
  return kept[0] ? "?" + kept.join("&") : "";
};

/**
 * The address of the page (`location`) or of a link as the collector keeps it: no credentials,
 * no fragment (an OAuth `#access_token`, say), and only the query of {@link keptQuery}.
 */
export const keptUrl = (url: Location | HTMLAnchorElement): string => url.origin + url.pathname + keptQuery(url.search);
