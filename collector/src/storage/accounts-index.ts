import type { Account, AccountStage } from "@embudo/shared";
import { type AccountKey, inSpace } from "../spaces.ts";
import { type IndexCursor, type IndexPage, listNewestFirst } from "./newest-first.ts";

/**
 * The accounts index in D1: one row per account, written by the account's Durable Object when
 * the row would change (through the index queue, `index-projection/`), read by `GET /v1/accounts`.
 * The Durable Object stays the source of truth.
 */

/** How many of an account's latest stage changes a listed account carries. */
export const LISTED_ACCOUNT_HISTORY = 20;

/** An account's key in the index: its domain in its space (`inSpace`). */
export function accountId(account: AccountKey): string {
  return inSpace(account.space, account.domain);
}

/** An account's row as the index stores it. */
export interface AccountRow {
  /** {@link accountId}. */
  accountId: string;
  space: string;
  domain: string;
  stage: AccountStage;
  engagement: number;
  fit: number;
  /** The listed account, as JSON: what `GET /v1/accounts` serves. */
  account: string;
}

/** The row that indexes `account`, its stage history bounded so no row can grow with it. */
export function accountRow(account: Account): AccountRow {
  return {
    accountId: accountId(account),
    space: account.space,
    domain: account.domain,
    stage: account.stage,
    engagement: account.engagement,
    fit: account.fit,
    account: JSON.stringify({ ...account, stageHistory: account.stageHistory.slice(-LISTED_ACCOUNT_HISTORY) }),
  };
}

/** Whether the index knows `account`: reads ask first, so a guess never instantiates an object. */
export async function isAccountIndexed(db: D1Database, account: AccountKey): Promise<boolean> {
  return (await db.prepare("SELECT 1 FROM accounts WHERE account_id = ?").bind(accountId(account)).first()) !== null;
}

/** The spaces where the index has an account of `domain`, in order. */
export async function spacesOfDomain(db: D1Database, domain: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT space FROM accounts WHERE domain = ? ORDER BY space")
    .bind(domain)
    .all<{ space: string }>();
  return results.map((row) => row.space);
}

export interface AccountQuery {
  stage?: AccountStage;
  space?: string;
  limit: number;
  cursor?: IndexCursor;
}

/** Lists accounts newest change first (see `listNewestFirst`). */
export function listAccounts(db: D1Database, query: AccountQuery): Promise<IndexPage<Account>> {
  return listNewestFirst<Account>(db, {
    table: "accounts",
    key: "account_id",
    body: "account",
    filters: [
      ...(query.stage ? [["stage = ?", query.stage] as [string, string]] : []),
      ...(query.space !== undefined ? [["space = ?", query.space] as [string, string]] : []),
    ],
    limit: query.limit,
    ...(query.cursor ? { after: query.cursor } : {}),
  });
}
