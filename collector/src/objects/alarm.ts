import { errorMessage } from "../errors.ts";
import type { IndexOutbox } from "../index-projection/outbox.ts";
import { RETRY_MS } from "./derived-write.ts";
import type { ErasurePlan, ErasureTombstone } from "./erasure.ts";
import type { ObjectState } from "./object-state.ts";

/** What an object's alarm may have to do, as {@link runAlarm} tells the cases apart. */
export interface AlarmWork {
  state: ObjectState;
  outbox: IndexOutbox;
  /** The object's erasure, for an object that can be erased. */
  erasure?: {
    /** Whether it was erased (then it sleeps), or the plan of an erasure cut short. */
    tombstone: Pick<ErasureTombstone<unknown>, "isErased" | "plan">;
    /** Runs the erasure's steps again (each is idempotent). */
    finish(plan: ErasurePlan): Promise<unknown>;
  };
  /** Whether the object knows whom it is for (it was written, it knows its email or domain). */
  ready(): boolean;
  /** The object's own work: re-score, write what is due, sweep, and set the next alarm. */
  work(): Promise<void>;
}

/**
 * How the alarm of every object with an index outbox runs. An erased object does nothing; an
 * erasure cut short is finished (or its alarm set again when a step fails); an alarm set for
 * the outbox's sweep alone sweeps it and leaves the object's own work for its time; any other
 * alarm is the object's own work (decay moved a stage, details await their write, a call to
 * another object failed), which ends with a sweep.
 */
export async function runAlarm(object: AlarmWork): Promise<void> {
  const { state, outbox, erasure } = object;
  if (erasure?.tombstone.isErased) return;
  const plan = erasure?.tombstone.plan;
  if (erasure && plan) {
    await erasure.finish(plan).catch((error) => {
      console.error("erasure failed; retried by the alarm", errorMessage(error));
      return state.wakeAt(Date.now() + RETRY_MS);
    });
    return;
  }
  if (!object.ready()) return;
  if (outbox.onlySweepDue(Date.now())) await state.serially(() => outbox.sweepAlone());
  else await object.work();
}
