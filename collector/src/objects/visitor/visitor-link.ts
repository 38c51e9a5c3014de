import type { IndexOutbox } from "../../index-projection/outbox.ts";
import { anonymousLeadId } from "../../storage/leads-index.ts";
import { LeadProjection } from "../lead-projection.ts";
import { type MetaChange, type ObjectState, textField } from "../object-state.ts";
import type { VisitorEventStore } from "./event-store.ts";

/** The state the link keeps in the visitor's `meta`. */
export const LINK_STATE = {
  /** The visitor's id, kept from its first link: it outlives its events (retention). */
  visitorId: textField("visitorId"),
  /** The lead that answers for the visitor in the index: its own, or its person's. */
  lead: textField("lead"),
};

/**
 * Which lead answers for a visitor in the index (`lead_visitors`): its own anonymous lead while it
 * gave no email, its latest email's person after. The visitor's object is the link's one writer:
 * it writes the first link before its first batch is answered, moves it to a person once every
 * span reached the people, and takes it away when the visitor is left with no event.
 */
export class VisitorLink {
  constructor(
    private readonly state: ObjectState,
    private readonly outbox: IndexOutbox,
    private readonly events: VisitorEventStore,
  ) {}

  /** The lead the visitor is linked to; undefined before its first link, or once it left. */
  get lead(): string | undefined {
    return this.state.get(LINK_STATE.lead);
  }

  /** The visitor's id, also once retention left it no event (kept from its first link). */
  get visitorId(): string | undefined {
    return this.events.visitorId ?? this.state.get(LINK_STATE.visitorId);
  }

  /**
   * Links a visitor seen for the first time to its lead, in D1 before the request answers: reads
   * look the link up before they touch any object, so a guessed id never makes one, and a read
   * right after the first batch must find it. This is the one index write a request waits for,
   * once in a visitor's life; should D1 fail, the sweep writes it a moment later.
   */
  async first(leadId: string, now: number): Promise<void> {
    const visitorId = this.events.visitorId!;
    await this.outbox.writeNow([{ kind: "link", visitorId, leadId }], now);
    this.state.set(LINK_STATE.lead.to(leadId), LINK_STATE.visitorId.to(visitorId));
  }

  /**
   * Keeps the visitor's id before retention deletes events: a visitor left with no event still
   * knows which id to withdraw and unlink.
   */
  keepVisitorId(): void {
    const visitorId = this.events.visitorId;
    if (visitorId !== undefined && !this.state.has(LINK_STATE.visitorId)) {
      this.state.set(LINK_STATE.visitorId.to(visitorId));
    }
  }

  /**
   * Stages the link's move to `leadId` (a person), and the removal of the visitor's anonymous row
   * if it had one.
   * @returns the changes that record the move, to store in the same step as what else settled it.
   */
  moveTo(leadId: string, now: number): MetaChange[] {
    const linked = this.lead;
    if (linked === leadId) return [];
    const visitorId = this.events.visitorId!;
    const wasAnonymous = linked === anonymousLeadId(visitorId);
    this.outbox.stage(
      [
        { kind: "link", visitorId, leadId },
        ...(wasAnonymous ? [{ kind: "lead_removed", leadId: anonymousLeadId(visitorId) } as const] : []),
      ],
      now,
    );
    // The lead the visitor answers with changed: its row is written whole next time.
    return [LINK_STATE.lead.to(leadId), ...LeadProjection.forgottenRow()];
  }

  /** The changes that forget the link, with the row written for it. */
  forgotten(): MetaChange[] {
    return [LINK_STATE.lead.unset(), ...LeadProjection.forgottenRow()];
  }
}
