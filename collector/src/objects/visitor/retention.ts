import { DAY } from "@embudo/shared";
import { loadConfig } from "../../config.ts";
import { DEFAULT_RETENTION_DAYS } from "../../sites.ts";
import type { VisitorEventStore } from "./event-store.ts";

/**
 * Retention of a visitor's events: each site keeps them `retentionDays` by their time (see
 * `sites.ts`). The visitor's alarm is set for its oldest event's expiry, deletes what expired,
 * and the sync that follows re-scores, re-shares its spans and, when nothing is left, takes the
 * lead out of the index (see `VisitorObject`).
 */
export class VisitorRetention {
  constructor(
    private readonly env: Env,
    private readonly store: VisitorEventStore,
  ) {}

  /** How long the visitor's site keeps events, in ms (`site` undefined: the default). */
  keepsFor(site: string | undefined): number {
    const days =
      (site === undefined ? undefined : loadConfig(this.env).sites[site]?.retentionDays) ?? DEFAULT_RETENTION_DAYS;
    return days * DAY;
  }

  /** When the oldest event passes its site's retention: the alarm deletes it then. */
  nextExpiryAt(site: string | undefined): number {
    const oldest = this.store.all()[0];
    return oldest ? oldest.ts + this.keepsFor(site) : Number.POSITIVE_INFINITY;
  }

  /** Deletes the events older than the site keeps at `now`; false when none had expired. */
  expire(site: string | undefined, now: number): boolean {
    return this.store.deleteBefore(now - this.keepsFor(site));
  }
}
