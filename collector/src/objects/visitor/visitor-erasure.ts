import type { EmailChange } from "@embudo/shared";
import { errorMessage } from "../../errors.ts";
import type { PersonKey } from "../../spaces.ts";
import {
  type ErasureCounts,
  type ErasurePlan,
  ErasureTombstone,
  forgetInIndex,
  notifyErasure,
  suppress,
} from "../erasure.ts";
import { type MetaField, numberField, type ObjectState } from "../object-state.ts";
import type { VisitorEventStore } from "./event-store.ts";
import type { SpanSharing } from "./span-sharing.ts";

/** An erased visitor keeps how many events were erased, and nothing else. */
export const ERASED_EVENTS: MetaField<number> = numberField("erased");

/**
 * The erasure of one visitor's object (see `erasure.ts` for the steps of a person's). A visitor
 * is erased as a step of its person's erasure, or on its own: one that gave no email, or one
 * whose person was erased before its identification reached it. Either way its events are
 * withdrawn from every other person it shared them with, everything it stored is deleted, and
 * it keeps only how many events it erased: its later events are refused as `suppressed`, and a
 * repeat answers the same count.
 */
export class VisitorErasure {
  readonly tombstone: ErasureTombstone<number>;

  constructor(
    private readonly env: Env,
    private readonly state: ObjectState,
    private readonly events: VisitorEventStore,
    private readonly sharing: SpanSharing,
    /** The emails the visitor gave, as its events say now. */
    private readonly timeline: () => EmailChange[],
    /** The visitor's people space, where the emails it gave are people. */
    private readonly space: () => string,
  ) {
    this.tombstone = new ErasureTombstone(state, ERASED_EVENTS);
  }

  /**
   * Erases the visitor's object: withdraws its events from the people it shared them with, but
   * `person` (being erased, it erases its own copies), then keeps only the count.
   * @returns how many events it erased.
   */
  erase(visitorId: string, person: PersonKey | null): Promise<number> {
    return this.state.serially(async () => {
      // Checked in the queue: two erasures at once (two people it gave) count its events once.
      const erased = this.tombstone.erased;
      if (erased !== undefined) return erased;
      const events = this.events.all().length;
      await this.sharing.withdraw(visitorId, this.space(), this.timeline(), person, "request");
      await this.tombstone.bury(events);
      this.events.forget();
      return events;
    });
  }

  /** Stores the plan of the visitor's own erasure, which the alarm finishes if cut short. */
  async plan(visitorId: string): Promise<ErasurePlan> {
    const plan: ErasurePlan = { email: null, visitorIds: [visitorId], at: Date.now() };
    await this.tombstone.begin(plan);
    return plan;
  }

  /** The steps of the visitor's own erasure, run again from the start on a retry. */
  async finish(plan: ErasurePlan): Promise<ErasureCounts> {
    const visitorId = plan.visitorIds[0]!;
    await suppress(this.env, plan);
    await forgetInIndex(this.env, plan);
    await notifyErasure(this.env, plan);
    const events = await this.erase(visitorId, null);
    return { visitors: 1, events };
  }

  /**
   * Runs `plan` once the current run of the object has ended (it waits behind it); the alarm
   * set by {@link plan} is its backstop.
   */
  finishAfterRun(plan: ErasurePlan): void {
    setTimeout(() => {
      this.finish(plan).catch((error) => console.error("erasure failed; retried by the alarm", errorMessage(error)));
    }, 0);
  }
}
