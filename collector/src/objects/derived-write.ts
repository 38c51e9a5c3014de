import { shortDigest } from "../digest.ts";
import type { ObjectState } from "./object-state.ts";

/** When a derived write fails, the alarm retries it after this long. */
export const RETRY_MS = 10_000;

/**
 * How late a derived write may show details when nothing its readers filter or sort by has
 * moved. Writing D1 on every ingestion halved ingestion throughput in `pnpm bench`; deferring
 * detail-only changes to the alarm writes an active lead's row at most once per this interval,
 * and never later than this after its first unwritten change. Account reports use it too, so a
 * large account hears from each active person at most this often.
 */
export const DETAIL_DELAY_MS = 10_000;

/** Something an object derives from its state and writes elsewhere: a leads row, an account report. */
export interface DerivedWrite {
  /** Meta key under which the object remembers what it wrote (with `Keys` and `Due` suffixes). */
  name: string;
  /** Everything written, to tell whether it changed. */
  value: unknown;
  /** What readers filter or sort by: a change here is written at once. */
  keys: unknown;
  /**
   * Writes; true when that is settled (written, or refused for good and logged), false when a
   * retry may succeed.
   */
  write: () => Promise<boolean>;
  /**
   * When true, a write that is due is not made during a request but by the object's alarm, set
   * for now: it runs right after the request, off its path. For readers that can wait a moment
   * (an account hearing of its people), never for what a request's answer depends on.
   */
  offRequestPath?: boolean;
}

/**
 * Why an object syncs: `ingest` (write at once only what readers filter or sort by), `request`
 * (an API call whose answer should show everything: write every change at once), or `alarm`
 * (write whatever is due, including the writes kept off the request path).
 */
export type SyncReason = "ingest" | "request" | "alarm";

/**
 * Writes `derived` if it changed since the last write: at once when its keys moved, when the
 * reason is not ingestion, or when a deferred change is due; otherwise no later than
 * {@link DETAIL_DELAY_MS} after the first unwritten change. A write kept off the request path
 * is left to the alarm, due now.
 *
 * @returns when the object must wake to finish (a due write, a deferred detail, a retry), or `Infinity`.
 */
export async function syncDerived(
  state: ObjectState,
  derived: DerivedWrite,
  now: number,
  reason: SyncReason,
): Promise<number> {
  // A digest, so the object remembers what it wrote without a copy of it.
  const full = await shortDigest(JSON.stringify(derived.value));
  if (full === state.meta(derived.name)) return Number.POSITIVE_INFINITY;
  const keys = JSON.stringify(derived.keys);
  const dueAt = Number(state.meta(`${derived.name}Due`) ?? Number.POSITIVE_INFINITY);
  if (reason !== "ingest" || keys !== state.meta(`${derived.name}Keys`) || now >= dueAt) {
    if (derived.offRequestPath && reason !== "alarm") {
      state.setMeta({ [`${derived.name}Due`]: String(now) });
      return now;
    }
    if (!(await derived.write())) return now + RETRY_MS;
    state.setMeta({ [derived.name]: full, [`${derived.name}Keys`]: keys, [`${derived.name}Due`]: null });
    return Number.POSITIVE_INFINITY;
  }
  if (Number.isFinite(dueAt)) return dueAt;
  // The first unwritten detail sets the due time; later ones do not push it back.
  state.setMeta({ [`${derived.name}Due`]: String(now + DETAIL_DELAY_MS) });
  return now + DETAIL_DELAY_MS;
}

/** The meta values that forget what was written under `name`, to pass to `setMeta`. */
export function forgottenDerived(name: string): Record<string, null> {
  return { [name]: null, [`${name}Keys`]: null, [`${name}Due`]: null };
}

/** Forgets what was written under `name`: the next sync writes whatever it has. */
export function forgetDerived(state: ObjectState, name: string): void {
  state.setMeta(forgottenDerived(name));
}
