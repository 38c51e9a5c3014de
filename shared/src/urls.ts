/**
 * What of a page's address is kept. Attribution needs the page and where the visit came from;
 * the rest of a URL is where sites put what must not be collected: a password-reset token in
 * the query, an OAuth `#access_token` in the fragment, `?email=` after a sign-up. So a URL is
 * kept without its fragment, without user name or password, and with only the query parameters
 * of {@link ATTRIBUTION_PARAMETER}. The tracker strips its addresses the same way before sending
 * them (sdk/src/page.ts, whose test checks that both agree); the collector strips whatever any
 * client sent. Zod-free, so that the tracker's tests can import it.
 */

/**
 * Query parameters attribution reads: the `utm_*` campaign tags (any name after "utm_") and the
 * ad platforms' click ids (Google `gclid`, `gbraid`, `wbraid`; Microsoft `msclkid`; Meta
 * `fbclid`; LinkedIn `li_fat_id`). Matched without regard to case.
 */
export const ATTRIBUTION_PARAMETER = /^(utm_.+|gclid|gbraid|wbraid|msclkid|fbclid|li_fat_id)$/i;

/**
 * `url` with only what attribution needs (see the module's comment). A URL with nothing to
 * remove comes back exactly as given; a string that is not an absolute URL comes back as it
 * is too, for validation to judge.
 */
export function attributionUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const dropped = [...parsed.searchParams.keys()].filter((name) => !ATTRIBUTION_PARAMETER.test(name));
  // "#" rather than `parsed.hash`, which is empty for an empty fragment ("page#").
  if (!dropped.length && !url.includes("#") && !parsed.username && !parsed.password) return url;
  for (const name of dropped) parsed.searchParams.delete(name);
  parsed.hash = "";
  parsed.username = "";
  parsed.password = "";
  // An empty fragment ("page#") leaves its "#" behind in `href`.
  return parsed.href.replace(/#$/, "");
}
