import { rowsIn } from "./rows-in.ts";

/**
 * The suppression list in D1 (migration 0006): what stays of an erased person. Visitor ids, and
 * emails only as their HMAC (`privacy/email-hash.ts`). Ingestion refuses identities carrying a
 * suppressed email; the index refuses writes about a suppressed visitor (`index-projection/writes.ts`); an
 * erased visitor's own object refuses its events.
 */

/** What one erasure adds to the list. */
export interface Suppression {
  visitorIds: readonly string[];
  emailHashes: readonly string[];
  at: number;
}

/** The statements that add `suppression` (an entry already there keeps its first time). */
export function suppressStatements(
  db: D1Database,
  { visitorIds, emailHashes, at }: Suppression,
): D1PreparedStatement[] {
  const add = db.prepare("INSERT INTO suppressions (kind, value, erased_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  return [
    ...visitorIds.map((id) => add.bind("visitor", id, at)),
    ...emailHashes.map((hash) => add.bind("email", hash, at)),
  ];
}

/** Which of `hashes` are suppressed emails. */
export async function suppressedEmails(db: D1Database, hashes: readonly string[]): Promise<Set<string>> {
  const rows = await rowsIn<{ value: string }>(
    db,
    [...new Set(hashes)],
    (placeholders) => `SELECT value FROM suppressions WHERE kind = 'email' AND value IN (${placeholders})`,
  );
  return new Set(rows.map((row) => row.value));
}

/** Whether `visitorId` was erased. */
export async function isSuppressedVisitor(db: D1Database, visitorId: string): Promise<boolean> {
  return (
    (await db.prepare("SELECT 1 FROM suppressions WHERE kind = 'visitor' AND value = ?").bind(visitorId).first()) !==
    null
  );
}
