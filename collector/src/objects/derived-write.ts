import { shortDigest } from "../digest.ts";
import { type MetaChange, type MetaField, numberField, type ObjectState, textField } from "./object-state.ts";

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

/** What an object remembers of one derived write: three fields of its state. */
export interface DerivedWriteFields {
  /** A digest of everything last written (unset: nothing was, or it was forgotten). */
  readonly digest: MetaField<string>;
  /** What readers filter or sort by, as last written. */
  readonly keys: MetaField<string>;
  /** When a deferred change must be written at the latest. */
  readonly due: MetaField<number>;
}

/** The fields of the derived write called `name` (its digest, `nameKeys` and `nameDue`). */
export function derivedWriteFields(name: string): DerivedWriteFields {
  return { digest: textField(name), keys: textField(`${name}Keys`), due: numberField(`${name}Due`) };
}

/** Something an object derives from its state and writes elsewhere: a leads row, an account report. */
export interface DerivedWrite {
  /** Where the object remembers what it wrote. */
  fields: DerivedWriteFields;
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
  const { fields } = derived;
  // A digest, so the object remembers what it wrote without a copy of it.
  const full = await shortDigest(JSON.stringify(derived.value));
  if (full === state.get(fields.digest)) return Number.POSITIVE_INFINITY;
  const keys = JSON.stringify(derived.keys);
  const dueAt = state.get(fields.due) ?? Number.POSITIVE_INFINITY;
  if (reason !== "ingest" || keys !== state.get(fields.keys) || now >= dueAt) {
    if (derived.offRequestPath && reason !== "alarm") {
      state.set(fields.due.to(now));
      return now;
    }
    if (!(await derived.write())) return now + RETRY_MS;
    state.set(fields.digest.to(full), fields.keys.to(keys), fields.due.unset());
    return Number.POSITIVE_INFINITY;
  }
  if (Number.isFinite(dueAt)) return dueAt;
  // The first unwritten detail sets the due time; later ones do not push it back.
  state.set(fields.due.to(now + DETAIL_DELAY_MS));
  return now + DETAIL_DELAY_MS;
}

/** The changes that forget what was written under `fields`: the next sync writes whatever it has. */
export function forgottenDerived(fields: DerivedWriteFields): MetaChange[] {
  return [fields.digest.unset(), fields.keys.unset(), fields.due.unset()];
}
