/** A lead's or an account's intent: which content stage its engagement points say it is at. */
import { CONTENT_STAGES, type ContentStage } from "../limits.ts";

/**
 * The content stage holding the most points, or null when none holds any. Ties go to the later
 * funnel stage: the deeper intent is the more useful one for sales.
 *
 * @param byStage decayed points per content stage, unrounded (rounding could make a tie).
 */
export function intentOf(byStage: Readonly<Record<ContentStage, number>>): ContentStage | null {
  let intent: ContentStage | null = null;
  for (const stage of CONTENT_STAGES) {
    if (byStage[stage] > 0 && (intent === null || byStage[stage] >= byStage[intent])) intent = stage;
  }
  return intent;
}
