/**
 * The marketing channels a visit is sorted into. A leaf, apart from the rules that pick one
 * (`touch.ts`), so the touch schema (`qualification.ts`) and the sources report can name the
 * channels without depending on those rules. A new channel needs a rule in `touch.ts` too.
 */

/** The marketing channels, in the order their rules are tried (`touch.ts`). */
export const CHANNELS = [
  "paid_search",
  "paid_social",
  "email",
  "organic_social",
  "other_campaign",
  "organic_search",
  "referral",
  "direct",
] as const;
/** One of {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number];
