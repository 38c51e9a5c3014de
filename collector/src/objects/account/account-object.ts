import { DurableObject } from "cloudflare:workers";
import {
  type Account,
  type AccountMember,
  type AccountStageChange,
  accountStageChange,
  assessAccount,
} from "@embudo/shared";
import { loadConfig } from "../../config.ts";
import { IndexOutbox, OUTBOX_SCHEMA, OUTBOX_STATE } from "../../index-projection/outbox.ts";
import { indexTarget } from "../../index-projection/writes.ts";
import { mentionsEmail, replaceEmail } from "../../privacy/email-mentions.ts";
import type { AccountKey } from "../../spaces.ts";
import { accountId, accountRow, LISTED_ACCOUNT_HISTORY } from "../../storage/accounts-index.ts";
import { runAlarm } from "../alarm.ts";
import { derivedWriteFields, forgottenDerived, type SyncReason, syncDerived } from "../derived-write.ts";
import { ObjectState, stateSchema, textField, WORK_AT } from "../object-state.ts";
import { SpacedName } from "../spaced-name.ts";

const SCHEMA = [
  // Each person's latest report: the account is re-assessed from these, never from events.
  `CREATE TABLE IF NOT EXISTS members (email TEXT PRIMARY KEY, body TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS stage_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)`,
  OUTBOX_SCHEMA,
];

/** How many of the latest stage changes an account answer carries. */
export const ACCOUNT_HISTORY_LIMIT = 250;

/** What the email of a person who left becomes in the account's history: erased, or gone on its own. */
const GONE_PERSON = { erased: "an erased person", left: "a person who left" } as const;

/** Why a person leaves its account (see {@link AccountObject.leave}). */
export type Leaving = keyof typeof GONE_PERSON;

/** The accounts row's derived write (see `syncDerived`). */
const ACCOUNT_ROW = derivedWriteFields("indexed");

/** Everything an account's object keeps in `meta`, each key once (see `account-object.test.ts`). */
export const ACCOUNT_STATE = stateSchema(
  {
    /** The account's domain: an object cannot read back the name it was addressed by. */
    domain: textField("domain"),
    /** Its people space; none in an account from before spaces (`UNSPACED`). */
    space: textField("space"),
    rowDigest: ACCOUNT_ROW.digest,
    rowKeys: ACCOUNT_ROW.keys,
    rowDue: ACCOUNT_ROW.due,
    workAt: WORK_AT,
  },
  OUTBOX_STATE,
);

/**
 * One account: the people whose email has one business domain. Each person's object reports
 * what the account needs (stage, fit, engagement to decay, who they are) when it changes, at
 * once for a stage or fit and at most every few seconds for engagement, so no event of a large
 * account passes through here: the account hears from people, not from their browsers. It
 * assesses the account with the pure `assessAccount`, records each stage change as it happens
 * (the history is the account's own), keeps its row in the accounts index, and wakes when
 * decay alone would end a marketing-qualified stage.
 */
export class AccountObject extends DurableObject<Env> {
  #members: Map<string, AccountMember> | null = null;
  readonly #state: ObjectState;
  /** What this object owes the D1 index: the account's row. */
  readonly #outbox: IndexOutbox;
  /** Its domain and people space. */
  readonly #name: SpacedName;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#state = new ObjectState(ctx.storage, SCHEMA, "members");
    this.#outbox = new IndexOutbox(this.#state, env.INDEX_QUEUE, indexTarget(env));
    this.#name = new SpacedName(this.#state, ACCOUNT_STATE.domain, ACCOUNT_STATE.space);
  }

  /** A person's latest report; the account re-assesses. */
  async report(key: AccountKey, email: string, member: AccountMember): Promise<void> {
    this.#remember(key);
    const members = this.#loadMembers();
    const before = members.get(email);
    this.#state
      .writable()
      .exec("INSERT OR REPLACE INTO members (email, body) VALUES (?, ?)", email, JSON.stringify(member));
    members.set(email, member);
    const cause = !before
      ? `${email} joined as ${member.stage}`
      : before.stage !== member.stage
        ? `${email} became ${member.stage}`
        : `${email} engagement changed`;
    await this.#reassess(cause);
  }

  /**
   * A person left: it has no event any more (retention deleted them, or its visitors gave other
   * emails), or it was erased. Either way its email is struck from the stage history it caused
   * (its rules and reasons name it), and its leaving is told without it: the account keeps no
   * email of a person it no longer has. The account re-assesses.
   */
  async leave(key: AccountKey, email: string, why: Leaving): Promise<void> {
    this.#remember(key);
    this.#redact(email, GONE_PERSON[why]);
    const wasMember = this.#loadMembers().delete(email);
    if (wasMember) this.#state.writable().exec("DELETE FROM members WHERE email = ?", email);
    // The account's row is written again, though the person may have been no member any more:
    // the history it lists was just redacted. (With nobody left, the row goes.)
    if (this.#loadMembers().size > 0) this.#state.set(...forgottenDerived(ACCOUNT_ROW));
    await this.#reassess(why === "erased" ? "a person was erased" : "a person left");
    // An erasure answers once the accounts index no longer lists the person, and no write
    // waiting in this object's outbox names it.
    if (why === "erased") await this.#outbox.flush(Date.now());
  }

  /** Replaces `email` in every stage change's reason and rule with `words`, which name nobody. */
  #redact(email: string, words: string): void {
    if (!this.#state.exists) return;
    const sql = this.#state.writable();
    const rows = sql.exec<{ seq: number; body: string }>("SELECT seq, body FROM stage_history").toArray();
    for (const row of rows) {
      const change = JSON.parse(row.body) as AccountStageChange;
      if (!mentionsEmail(change.reason, email) && !mentionsEmail(change.rule, email)) continue;
      const redacted = {
        ...change,
        reason: replaceEmail(change.reason, email, words),
        rule: replaceEmail(change.rule, email, words),
      };
      sql.exec("UPDATE stage_history SET body = ? WHERE seq = ?", JSON.stringify(redacted), row.seq);
    }
  }

  /** The account assessed now, with its latest stage changes; null when it has nobody. */
  async account(): Promise<Account | null> {
    const key = this.#key();
    const members = [...this.#loadMembers().values()];
    if (!key || members.length === 0) return null;
    const { account } = assessAccount(key, members, loadConfig(this.env).model, Date.now());
    return { ...account, stageHistory: this.#history(ACCOUNT_HISTORY_LIMIT) };
  }

  /** Decay ends an MQA, a deferred write is due, or index writes are due for the sweep. */
  override async alarm(): Promise<void> {
    await runAlarm({
      state: this.#state,
      outbox: this.#outbox,
      ready: () => this.#state.has(ACCOUNT_STATE.domain),
      work: () => this.#reassess("decay: its people's engagement fell with time", "alarm"),
    });
  }

  /** Keeps the account's key: an object cannot read back the name it was addressed by. */
  #remember(key: AccountKey): void {
    this.#name.remember(key.domain, key.space);
  }

  /** The account's key, once a person reported to it. */
  #key(): AccountKey | undefined {
    const kept = this.#name.get();
    return kept && { space: kept.space, domain: kept.name };
  }

  #loadMembers(): Map<string, AccountMember> {
    this.#members ??= new Map(
      this.#state.exists
        ? this.ctx.storage.sql
            .exec<{ email: string; body: string }>("SELECT email, body FROM members")
            .toArray()
            .map((row) => [row.email, JSON.parse(row.body) as AccountMember])
        : [],
    );
    return this.#members;
  }

  /** The latest `limit` stage changes, oldest first. */
  #history(limit: number): AccountStageChange[] {
    if (!this.#state.exists) return [];
    return this.ctx.storage.sql
      .exec<{ body: string }>("SELECT body FROM stage_history ORDER BY seq DESC LIMIT ?", limit)
      .toArray()
      .map((row) => JSON.parse(row.body) as AccountStageChange)
      .reverse();
  }

  /**
   * Runs {@link #reassessNow} after the re-assessments before it (see `ObjectState.serially`),
   * then sends what it staged for the index, sweeps on the alarm, and wakes for whichever comes
   * first: the next decay-driven change, a deferred write, or the next sweep.
   */
  #reassess(cause: string, reason: SyncReason = "ingest"): Promise<void> {
    return this.#state.serially(async () => {
      const wakeAt = await this.#reassessNow(cause, reason);
      await this.#outbox.settle(wakeAt, reason === "alarm");
    });
  }

  async #reassessNow(cause: string, reason: SyncReason): Promise<number> {
    const key = this.#key()!;
    const members = [...this.#loadMembers().values()];
    const now = Date.now();
    if (members.length === 0) {
      // Once: the removal is staged and the row forgotten, so a later wake has nothing to do.
      if (this.#state.has(ACCOUNT_ROW.digest)) {
        this.#outbox.stage([{ kind: "account_removed", accountId: accountId(key) }], now);
        this.#state.set(...forgottenDerived(ACCOUNT_ROW));
      }
      return Number.POSITIVE_INFINITY;
    }
    const { account, rule, nextStageReviewAt } = assessAccount(key, members, loadConfig(this.env).model, now);
    // The latest changes the listed row carries; the newest says whether the stage moved.
    const history = this.#history(LISTED_ACCOUNT_HISTORY);
    const last = history.at(-1);
    const changed = last?.stage !== account.stage;
    if (changed) {
      const change = accountStageChange(account.stage, now, last ? cause : `${cause}: account created`, rule);
      const { seq } = this.#state
        .writable()
        .exec<{ seq: number }>("INSERT INTO stage_history (body) VALUES (?) RETURNING seq", JSON.stringify(change))
        .one();
      history.push(change);
      // Webhooks hear of it through the index path: staged with the change, so never lost.
      this.#outbox.stage(
        [
          {
            kind: "account_stage_change",
            change: {
              domain: key.domain,
              space: key.space,
              previousStage: last?.stage ?? null,
              stage: account.stage,
              at: change.at,
              sequence: seq,
              account: { ...account, stageHistory: history.slice(-LISTED_ACCOUNT_HISTORY) },
            },
          },
        ],
        now,
      );
    }
    const row = accountRow({ ...account, stageHistory: history });
    const rowWakeAt = await syncDerived(
      this.#state,
      {
        fields: ACCOUNT_ROW,
        value: row,
        keys: [row.stage, row.fit],
        write: async () => {
          this.#outbox.stage([{ kind: "account", row, changedAt: now }], now);
          return true;
        },
      },
      now,
      reason,
    );
    return Math.min(rowWakeAt, nextStageReviewAt ?? Number.POSITIVE_INFINITY);
  }
}
