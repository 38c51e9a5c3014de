import { accountDomain, type WebhookEnvelope } from "@embudo/shared";
import { z } from "zod";
import { loadConfig } from "../config.ts";
import { shortDigest } from "../digest.ts";
import { suppressionHashes } from "../privacy/email-hash.ts";
import { configuredSpaces, type PersonKey, UNSPACED } from "../spaces.ts";
import { anonymousLeadId, personLeadId, spacesOfEmail } from "../storage/leads-index.ts";
import { suppressStatements } from "../storage/suppressions.ts";
import { RETRY_MS } from "./derived-write.ts";
import { personStub, visitorStub, webhooksStub } from "./object-naming.ts";
import { jsonField, type MetaField, type ObjectState } from "./object-state.ts";

/**
 * Erasure of a person on request (`DELETE /v1/visitors/:id`, `DELETE /v1/people?email=`): the
 * steps, each idempotent, that the erasing object runs in order. The object (the person's, or an
 * anonymous visitor's own) stores its {@link ErasurePlan} before the first step and runs them all
 * again from its alarm until they have all succeeded, so an erasure cut short by a restart or a
 * failure finishes on its own, and a repeated request finishes it too.
 */

const erasurePlanSchema = z.object({
  /** The person's email (normalized); null for a visitor that gave none. */
  email: z.string().nullable(),
  /** The person's people space; absent for a visitor's own erasure, and in plans from before spaces. */
  space: z.string().optional(),
  visitorIds: z.array(z.string()),
  /** When it was asked for (ms). */
  at: z.number(),
});

/** What an erasure removes: a person (an email) and every visitor that gave it, or one visitor that gave none. */
export type ErasurePlan = z.infer<typeof erasurePlanSchema>;

export const erasureCountsSchema = z.object({ visitors: z.number().int(), events: z.number().int() });

/** What an erasure removed: the answer of the DELETE routes. */
export type ErasureCounts = z.infer<typeof erasureCountsSchema>;

/** The state an object that can be erased keeps: its erasure's plan while it runs, then its tombstone. */
export function erasureState<Erased>(erased: MetaField<Erased>) {
  return { erasurePlan: jsonField("erasure", erasurePlanSchema), erased };
}

/**
 * The erasure of one object (a person's, or a visitor's), in its own state: the plan stored
 * before the first step, so a restart finishes it, and then the tombstone, all the object keeps
 * (`Erased`: what it erased, as its answers repeat it).
 */
export class ErasureTombstone<Erased> {
  readonly #fields: ReturnType<typeof erasureState<Erased>>;

  constructor(
    private readonly state: ObjectState,
    erased: MetaField<Erased>,
  ) {
    this.#fields = erasureState(erased);
  }

  /** The plan of the erasure under way, if one is. */
  get plan(): ErasurePlan | undefined {
    return this.state.get(this.#fields.erasurePlan);
  }

  /** What the object erased, once it was; undefined before. */
  get erased(): Erased | undefined {
    return this.state.get(this.#fields.erased);
  }

  /** Whether the object was erased. */
  get isErased(): boolean {
    return this.state.has(this.#fields.erased);
  }

  /** Whether the object is being erased or was: it then takes nothing and writes nothing. */
  get erasing(): boolean {
    return this.state.has(this.#fields.erasurePlan) || this.state.has(this.#fields.erased);
  }

  /** Stores `plan` before anything is erased, with the alarm as the backstop that finishes it. */
  async begin(plan: ErasurePlan): Promise<void> {
    this.state.set(this.#fields.erasurePlan.to(plan));
    await this.state.wakeAt(Date.now() + RETRY_MS);
  }

  /** Deletes everything the object stored, and keeps only the tombstone saying what was erased. */
  bury(erased: Erased): Promise<void> {
    return this.state.reset(this.#fields.erased.to(erased));
  }
}

/**
 * Erases the people of `email` in every people space: the configured sites' spaces and any other
 * the index lists the email in (a site since removed, or the space from before spaces). Erasure
 * is about a mailbox: the suppression list refuses it in every space, so none keeps its data.
 * Each person's erasure is its own, finished by its alarm if cut short; one erased before answers
 * zeros. Null when no space has seen the email.
 */
export async function erasePeople(env: Env, email: string): Promise<ErasureCounts | null> {
  const spaces = new Set([
    ...configuredSpaces(loadConfig(env).sites),
    ...(await spacesOfEmail(env.DB, email)),
    // People from before spaces may have no row to be found by (their visitors moved on).
    UNSPACED,
  ]);
  const answers = await Promise.all(
    [...spaces].map((space) => personStub(env.PEOPLE, { space, email }).erase({ space, email })),
  );
  const seen = answers.filter((counts) => counts !== null);
  return seen.length === 0 ? null : sumCounts(seen);
}

/** What several erasures removed together. */
export function sumCounts(counts: readonly ErasureCounts[]): ErasureCounts {
  return {
    visitors: counts.reduce((sum, each) => sum + each.visitors, 0),
    events: counts.reduce((sum, each) => sum + each.events, 0),
  };
}

/** The lead ids an erasure removes from the index: the person's, and each visitor's anonymous one. */
function leadIdsOf(plan: ErasurePlan): string[] {
  return [...(plan.email ? [personLeadId(personOf(plan, plan.email))] : []), ...plan.visitorIds.map(anonymousLeadId)];
}

/** The person a plan erases. */
function personOf(plan: ErasurePlan, email: string): PersonKey {
  return { space: plan.space ?? UNSPACED, email };
}

/**
 * Step 1: puts the visitors and the email's hashes (its mailbox's too: `suppressionHashes`) on
 * the suppression list, before anything is deleted, so from here on ingestion refuses them (in
 * any spelling of the mailbox) and the index drops what is on its way.
 */
export async function suppress(env: Env, plan: ErasurePlan): Promise<void> {
  const key = env.EMBUDO_HASH_KEY;
  if (!key) throw new Error("EMBUDO_HASH_KEY is not set: erasure cannot suppress the email");
  const emailHashes = plan.email ? await suppressionHashes(key, plan.email) : [];
  await env.DB.batch(suppressStatements(env.DB, { visitorIds: plan.visitorIds, emailHashes, at: plan.at }));
}

/**
 * Step 2 (for a person): erases every visitor's object; each withdraws its events from any other
 * person it shared with. The visitors' objects keep what they erased, so a repeat counts the same.
 */
export async function eraseVisitors(env: Env, plan: ErasurePlan): Promise<number> {
  const counts = await Promise.all(
    plan.visitorIds.map((visitorId) =>
      visitorStub(env.VISITORS, visitorId).erase(visitorId, plan.email ? personOf(plan, plan.email) : null),
    ),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/**
 * Step 3: removes the person from the D1 index in one transaction: its leads rows (and any row
 * whose primary visitor was erased: its lead's object writes it again with another), the
 * visitors' links, every recorded stage change of them, and the versions of those keys, which
 * name the person. Writes about them still on their way are dropped by the suppression list.
 */
export async function forgetInIndex(env: Env, plan: ErasurePlan): Promise<void> {
  const { DB: db } = env;
  const statements: D1PreparedStatement[] = [];
  for (const leadId of leadIdsOf(plan)) {
    statements.push(
      db.prepare("DELETE FROM leads WHERE lead_id = ?").bind(leadId),
      db.prepare("DELETE FROM stage_changes WHERE lead_id = ?").bind(leadId),
      db
        .prepare("DELETE FROM index_versions WHERE key IN (?1, ?2) OR (key >= ?3 AND key < ?4)")
        // Every stage change's key is `stage_change:<lead id>#<sequence>`: '$' sorts right after '#'.
        .bind(`lead:${leadId}`, `history:${leadId}`, `stage_change:${leadId}#`, `stage_change:${leadId}$`),
    );
  }
  for (const visitorId of plan.visitorIds) {
    statements.push(
      db.prepare("DELETE FROM leads WHERE visitor_id = ?").bind(visitorId),
      db.prepare("DELETE FROM lead_visitors WHERE visitor_id = ?").bind(visitorId),
      db.prepare("DELETE FROM stage_changes WHERE visitor_id = ?").bind(visitorId),
      db.prepare("DELETE FROM index_versions WHERE key = ?").bind(`link:${visitorId}`),
    );
  }
  await db.batch(statements);
}

/**
 * Step 4: webhooks forget every delivery that names the person (pending or not), refuse any
 * later one about its visitors, and send `lead.erased`, which names nothing but the visitor ids.
 * Deliveries are found through the subjects kept beside them, not by reading every body.
 */
export async function notifyErasure(env: Env, plan: ErasurePlan): Promise<void> {
  const at = new Date(plan.at).toISOString();
  const envelope: WebhookEnvelope = { type: "lead.erased", timestamp: at, data: { visitorIds: plan.visitorIds, at } };
  const domain = plan.email ? accountDomain(plan.email, loadConfig(env).model) : null;
  const space = plan.space ?? UNSPACED;
  const person = plan.email ? { email: plan.email, account: domain ? { space, domain } : null } : null;
  // A person with no visitor left has no visitor id to tell of: its deliveries go, silently.
  const erased =
    plan.visitorIds.length === 0
      ? null
      : {
          type: envelope.type,
          messageId: `msg_${await shortDigest(`${envelope.type}:${[...plan.visitorIds].sort().join(",")}:${plan.at}`)}`,
          stage: null,
          subjects: [],
          body: JSON.stringify(envelope),
        };
  await webhooksStub(env.WEBHOOKS).erase(plan.visitorIds, person, erased);
}
