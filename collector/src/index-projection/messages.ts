import type { AccountStageChangedData, LeadStageChange, Qualification } from "@embudo/shared";
import { inSpace, UNSPACED } from "../spaces.ts";
import type { AccountRow } from "../storage/accounts-index.ts";
import type { LeadRow } from "../storage/leads-index.ts";

/**
 * The writes the D1 index receives from the Durable Objects (applied by `writes.ts`). Objects
 * stage them in their outbox (`outbox.ts`); they reach D1 through the index queue
 * (`consumer.ts`) or, when that did not deliver them, through the object's own sweep. Either
 * path may apply a write late, twice, or after a newer one, so every write carries a version and
 * applies only while it is the newest of its key (table `index_versions`, migration 0005).
 *
 * Every key has one writer: a lead row and its stage changes are written by the lead's object
 * (the visitor's while it gave no email, else the person's), a visitor's link and the removal of
 * its anonymous row by the visitor's, an account row and its stage changes by the account's. One
 * writer's versions only rise (see `IndexOutbox`), which is all the ordering the index needs.
 *
 * Stage changes also go to webhooks: a change counts as landed only once the webhooks object has
 * it, so neither path can drop a notification (see {@link applyIndexWrites}).
 */
export type IndexWrite =
  /** A lead's row, upserted; `changedAt` orders the listing. */
  | { kind: "lead"; row: LeadRow; changedAt: number }
  /** A lead's row goes: a visitor that joined a person, a person whose visitors all left. */
  | { kind: "lead_removed"; leadId: string }
  /** Which lead answers for a visitor. */
  | { kind: "link"; visitorId: string; leadId: string }
  /** A visitor no longer answers for any lead: retention left it with no event. */
  | { kind: "link_removed"; visitorId: string }
  /** An account's row, upserted. */
  | { kind: "account"; row: AccountRow; changedAt: number }
  /** An account's row goes: its last person left. */
  | { kind: "account_removed"; accountId: string }
  /** A change of a lead's stage, recorded once, with the lead's listed qualification at that moment. */
  | { kind: "stage_change"; change: LeadStageChange; qualification: Qualification }
  /** Every recorded change of a lead's stage goes, with the lead: its object was left with no event. */
  | { kind: "history_removed"; leadId: string }
  /** A change of an account's stage: nothing in D1, a notification for webhooks. */
  | { kind: "account_stage_change"; change: AccountStageChangedData };

/**
 * `write` as this version reads it. Writes staged before people spaces (still in an object's
 * outbox or the queue when the collector was upgraded) name no space: theirs is {@link UNSPACED},
 * where their rows and keys stayed.
 */
export function spacedWrite(write: IndexWrite): IndexWrite {
  // Typed as staged before spaces: each field below may be missing.
  const before = write as unknown as {
    row?: { space?: string; accountId?: string; domain?: string };
    accountId?: string;
    domain?: string;
    change?: { space?: string };
  };
  switch (write.kind) {
    case "lead":
      return before.row?.space === undefined ? { ...write, row: { ...write.row, space: UNSPACED } } : write;
    case "account":
      return before.row?.accountId === undefined
        ? { ...write, row: { ...write.row, accountId: write.row.domain, space: UNSPACED } }
        : write;
    case "account_removed":
      return before.accountId === undefined ? { kind: "account_removed", accountId: before.domain! } : write;
    case "account_stage_change":
      return before.change?.space === undefined ? { ...write, change: { ...write.change, space: UNSPACED } } : write;
    default:
      return write;
  }
}

/** A write with the key of the row it sets and its writer's version of it. */
export interface VersionedWrite {
  key: string;
  version: number;
  write: IndexWrite;
}

/** The key of the row a write sets: one per row, whatever the write does to it. */
export function keyOf(write: IndexWrite): string {
  switch (write.kind) {
    case "lead":
      return `lead:${write.row.leadId}`;
    case "lead_removed":
      return `lead:${write.leadId}`;
    case "link":
    case "link_removed":
      return `link:${write.visitorId}`;
    case "account":
      return `account:${write.row.accountId}`;
    case "account_removed":
      return `account:${write.accountId}`;
    case "stage_change":
      return `stage_change:${stageChangeId(write.change)}`;
    case "history_removed":
      return historyKey(write.leadId);
    case "account_stage_change":
      return `account_stage_change:${inSpace(write.change.space, write.change.domain)}#${String(write.change.sequence).padStart(10, "0")}`;
  }
}

/** The key of a lead's whole stage history, which `history_removed` versions. */
export function historyKey(leadId: string): string {
  return `history:${leadId}`;
}

/** The key of a stage change's row: its lead and its sequence, padded so ids sort by sequence. */
export function stageChangeId(change: Pick<LeadStageChange, "leadId" | "sequence">): string {
  return `${change.leadId}#${String(change.sequence).padStart(10, "0")}`;
}

/** What the index queue carries: one object's writes of one moment, applied together. */
export interface IndexMessage {
  writes: VersionedWrite[];
}
