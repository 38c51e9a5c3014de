import { DurableObject } from "cloudflare:workers";
import {
  type DeliveryStatus,
  MAX_WEBHOOK_ENDPOINTS,
  type WebhookCreate,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookEventType,
} from "@embudo/shared";
import { ulid } from "ulid";
import { loadConfig } from "../config.ts";
import { errorMessage } from "../errors.ts";
import { ObjectState, textField } from "../objects/object-state.ts";
import { mentionsEmail } from "../privacy/email-mentions.ts";
import type { AccountKey } from "../spaces.ts";
import type { IndexCursor } from "../storage/newest-first.ts";
import { deliver } from "./delivery.ts";
import { type AttemptJob, type AttemptOutcome, accountSubject, leadSubject, type PublishedEvent } from "./messages.ts";
import { afterAttempt } from "./retry-schedule.ts";
import { newWebhookSecret } from "./signing.ts";
import {
  type DeliveryRow,
  deliveryOf,
  type EndpointRow,
  endpointOf,
  parseStages,
  subjectsOfBody,
  WEBHOOK_TABLES,
} from "./webhook-tables.ts";

/** How long after a rotation the previous secret still signs, so receivers can switch over. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * How long an attempt under way may take to be recorded before it is made again: the receiver's
 * 15 s, several times over. An attempt cut short (the object went away, the collector restarted)
 * is made again this long after it started.
 */
export const IN_FLIGHT_MS = 60_000;

/**
 * How long an attempt is held once it started: the receiver's 15 s and some. It is due again only
 * {@link IN_FLIGHT_MS} after it started, so the lease is a second guard: a replay of a delivery
 * whose attempt is under way makes no second request.
 */
export const ATTEMPT_LEASE_MS = 30_000;

/**
 * How many attempts run at once, one per endpoint at most. A Worker keeps at most six connections
 * open; a seventh request would wait for one, its 15 s running in line, and fail without reaching
 * its receiver. One that ends starts the next due.
 */
export const CONCURRENT_ATTEMPTS = 6;

/**
 * How long a delivery is kept once it ended (succeeded or failed), for its page and a replay:
 * its body names a lead, and nothing else needs it after a month.
 */
export const ENDED_DELIVERY_MS = 30 * 86_400_000;

/** When a delivery ended, as the index `deliveries_ended` (webhook-tables.ts) spells it. */
const ENDED_AT = "coalesce(last_attempt_at, created_at)";

/** How many ended deliveries one wake deletes. */
const PURGE_BATCH = 500;

/** Everything the webhooks object keeps in `meta`. */
export const WEBHOOKS_STATE = {
  /** Set once every delivery has its subjects (see `#indexSubjects`). */
  subjectsIndexed: textField("subjectsIndexed"),
};

/**
 * The webhooks of the deployment: its endpoints and every delivery, in one object's SQLite, the
 * durable outbox of stage-change notifications. Publishing an event adds one delivery per
 * endpoint that wants it (once per event and endpoint, however often it is published). The
 * object makes each due attempt itself, {@link CONCURRENT_ATTEMPTS} at a time, each on its own
 * (`delivery.ts` makes the request); a failure is tried again on the retry schedule, a 410
 * disables the endpoint, and an attempt cut short (the object went away) is made again after
 * {@link IN_FLIGHT_MS}. One object serves every endpoint: stage changes are rare (tens a minute
 * on a big site), and its work per attempt is a few rows.
 */
export class WebhooksObject extends DurableObject<Env> {
  /** Attempts started and not ended, in this instance (see {@link CONCURRENT_ATTEMPTS}). */
  #running = 0;
  readonly #state: ObjectState;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#state = new ObjectState(ctx.storage, WEBHOOK_TABLES, "endpoints");
  }

  /**
   * Adds an endpoint with a new secret, which this answer is one of two to show; null when the
   * collector has {@link MAX_WEBHOOK_ENDPOINTS} already.
   */
  async create(input: WebhookCreate, now: number): Promise<WebhookEndpointWithSecret | null> {
    const { n } = this.#sql().exec<{ n: number }>("SELECT count(*) AS n FROM endpoints").one();
    if (n >= MAX_WEBHOOK_ENDPOINTS) return null;
    const row: EndpointRow = {
      id: `wh_${ulid(now)}`,
      url: input.url,
      events: JSON.stringify(input.events ?? ["lead.stage_changed", "account.stage_changed", "lead.erased"]),
      stages: input.stages ? JSON.stringify(input.stages) : null,
      description: input.description ?? null,
      secret: newWebhookSecret(),
      previous_secret: null,
      previous_until: null,
      created_at: now,
      disabled_reason: null,
    };
    this.#sql().exec(
      `INSERT INTO endpoints (id, url, events, stages, description, secret, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      row.id,
      row.url,
      row.events,
      row.stages,
      row.description,
      row.secret,
      row.created_at,
    );
    return { ...endpointOf(row), secret: row.secret };
  }

  async list(): Promise<WebhookEndpoint[]> {
    if (!this.#state.exists) return [];
    return this.#sql().exec<EndpointRow>("SELECT * FROM endpoints ORDER BY created_at, id").toArray().map(endpointOf);
  }

  async get(id: string): Promise<WebhookEndpoint | null> {
    const row = this.#endpoint(id);
    return row ? endpointOf(row) : null;
  }

  /** Removes an endpoint and its deliveries; false when there was none. */
  async remove(id: string): Promise<boolean> {
    if (!this.#endpoint(id)) return false;
    const sql = this.#sql();
    sql.exec(
      "DELETE FROM delivery_subjects WHERE delivery_id IN (SELECT id FROM deliveries WHERE endpoint_id = ?)",
      id,
    );
    sql.exec("DELETE FROM deliveries WHERE endpoint_id = ?", id);
    sql.exec("DELETE FROM endpoints WHERE id = ?", id);
    return true;
  }

  /**
   * A new secret for the endpoint, shown in this answer only. The previous one still signs every
   * delivery beside it for {@link ROTATION_GRACE_MS}, so the receiver can switch without losing one.
   */
  async rotate(id: string, now: number): Promise<WebhookEndpointWithSecret | null> {
    const row = this.#endpoint(id);
    if (!row) return null;
    const secret = newWebhookSecret();
    this.#sql().exec(
      "UPDATE endpoints SET secret = ?, previous_secret = ?, previous_until = ? WHERE id = ?",
      secret,
      row.secret,
      now + ROTATION_GRACE_MS,
      id,
    );
    return { ...endpointOf(row), secret };
  }

  /** Sends the endpoint a `webhook.test` event (disabled or not: testing is how one checks it). */
  async sendTest(id: string, now: number): Promise<WebhookDelivery | null> {
    if (!this.#endpoint(id)) return null;
    const at = new Date(now).toISOString();
    const body = JSON.stringify({ type: "webhook.test", timestamp: at, data: { endpointId: id, at } });
    const delivery = this.#addDelivery(id, { type: "webhook.test", messageId: `msg_${ulid(now)}`, body }, now);
    await this.#dispatch(now);
    return delivery === null ? null : deliveryOf(this.#delivery(delivery)!);
  }

  /** Adds a delivery of each event to each enabled endpoint that wants it, then sends what is due. */
  async publish(events: readonly PublishedEvent[]): Promise<void> {
    if (!this.#state.exists || events.length === 0) return;
    const now = Date.now();
    const endpoints = this.#sql()
      .exec<EndpointRow>("SELECT * FROM endpoints WHERE disabled_reason IS NULL")
      .toArray()
      .map((row) => ({ id: row.id, events: JSON.parse(row.events) as string[], stages: parseStages(row.stages) }));
    const sql = this.#sql();
    const erased = (visitorId: string) =>
      sql.exec("SELECT 1 FROM erased_visitors WHERE visitor_id = ?", visitorId).toArray().length > 0;
    for (const event of events) {
      if (event.subjects.some(erased)) continue;
      for (const endpoint of endpoints) {
        if (!endpoint.events.includes(event.type)) continue;
        if (endpoint.stages && event.stage !== null && !endpoint.stages.includes(event.stage)) continue;
        this.#addDelivery(endpoint.id, event, now);
      }
    }
    await this.#dispatch(now);
  }

  /**
   * Forgets an erased person: deletes every delivery that names one of its visitors, and every
   * delivery of its account that names its email (an account's history and people do), whatever
   * their status; remembers the visitors, so that no event about them published later is
   * delivered; then publishes `erased` (the `lead.erased` event), if there is one. The email is used here, in
   * memory, and never stored. Idempotent: a repeat deletes nothing more, and `erased` is
   * delivered once per endpoint.
   */
  async erase(
    visitorIds: readonly string[],
    person: { email: string; account: AccountKey | null } | null,
    erased: PublishedEvent | null,
  ): Promise<void> {
    const sql = this.#sql();
    this.#indexSubjects();
    this.ctx.storage.transactionSync(() => {
      const doomed = new Set<string>();
      for (const visitorId of visitorIds) {
        sql.exec("INSERT INTO erased_visitors (visitor_id) VALUES (?) ON CONFLICT DO NOTHING", visitorId);
        for (const id of this.#namedBy(visitorId)) doomed.add(id);
      }
      if (person?.account) {
        for (const id of this.#namedBy(accountSubject(person.account), person.email)) doomed.add(id);
      }
      this.#deleteDeliveries(doomed);
    });
    if (erased) await this.publish([erased]);
  }

  /**
   * Forgets a lead that left on its own (retention deleted its events, or its browsers gave other
   * emails): every delivery about it goes, pending or not. Unlike an erasure, its browsers are
   * not refused anything later, nobody is told, and its account's deliveries stay: they are the
   * account's news, about its other people too, and go with the others once ended
   * ({@link ENDED_DELIVERY_MS}). (Deliveries made before they kept their lead as a subject are
   * not found.)
   */
  async forget(leadId: string): Promise<void> {
    if (!this.#state.exists) return;
    this.ctx.storage.transactionSync(() => this.#deleteDeliveries(this.#namedBy(leadSubject(leadId))));
  }

  /** The deliveries kept beside `subject` (and whose body names `email`, when given). */
  #namedBy(subject: string, email?: string): string[] {
    const sql = this.#sql();
    const ids = sql
      .exec<{ id: string }>("SELECT delivery_id AS id FROM delivery_subjects WHERE subject = ?", subject)
      .toArray()
      .map((row) => row.id);
    if (email === undefined) return ids;
    return ids.filter((id) => {
      const [row] = sql.exec<{ body: string }>("SELECT body FROM deliveries WHERE id = ?", id).toArray();
      return row !== undefined && mentionsEmail(row.body, email);
    });
  }

  #deleteDeliveries(ids: Iterable<string>): void {
    const sql = this.#sql();
    for (const id of ids) {
      sql.exec("DELETE FROM deliveries WHERE id = ?", id);
      sql.exec("DELETE FROM delivery_subjects WHERE delivery_id = ?", id);
    }
  }

  /**
   * Gives every delivery made before deliveries kept their subjects its subjects, read from its
   * body: once, at the first erasure.
   */
  #indexSubjects(): void {
    if (this.#state.has(WEBHOOKS_STATE.subjectsIndexed)) return;
    const sql = this.#sql();
    const rows = sql
      .exec<{ id: string; body: string }>(
        `SELECT id, body FROM deliveries d
         WHERE NOT EXISTS (SELECT 1 FROM delivery_subjects s WHERE s.delivery_id = d.id)`,
      )
      .toArray();
    for (const row of rows) this.#addSubjects(row.id, subjectsOfBody(row.body));
    this.#state.set(WEBHOOKS_STATE.subjectsIndexed.to("1"));
  }

  #addSubjects(deliveryId: string, subjects: readonly string[]): void {
    const sql = this.#sql();
    for (const subject of new Set(subjects)) {
      sql.exec(
        "INSERT INTO delivery_subjects (subject, delivery_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        subject,
        deliveryId,
      );
    }
  }

  /** A page of an endpoint's deliveries, newest first; null when there is no such endpoint. */
  async deliveries(
    id: string,
    query: { status?: DeliveryStatus; limit: number; after?: IndexCursor },
  ): Promise<{ items: WebhookDelivery[]; next: IndexCursor | null } | null> {
    if (!this.#endpoint(id)) return null;
    const conditions = ["endpoint_id = ?"];
    const params: (string | number)[] = [id];
    if (query.status) {
      conditions.push("status = ?");
      params.push(query.status);
    }
    if (query.after) {
      conditions.push("(created_at < ? OR (created_at = ? AND id < ?))");
      params.push(query.after.value, query.after.value, query.after.key);
    }
    const rows = this.#sql()
      .exec<DeliveryRow>(
        `SELECT * FROM deliveries WHERE ${conditions.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`,
        ...params,
        query.limit + 1,
      )
      .toArray();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(deliveryOf),
      next: rows.length > query.limit && last ? { value: last.created_at, key: last.id } : null,
    };
  }

  /**
   * Delivers again, with the same `webhook-id` and body, and a new round of retries; null when
   * the endpoint or the delivery is unknown.
   */
  async replay(id: string, deliveryId: string, now: number): Promise<WebhookDelivery | null> {
    const row = this.#delivery(deliveryId);
    if (!row || row.endpoint_id !== id) return null;
    this.#sql().exec(
      `UPDATE deliveries SET status = 'pending', round_start = attempts, next_attempt_at = ?, sent_at = NULL
       WHERE id = ?`,
      now,
      deliveryId,
    );
    await this.#dispatch(now);
    return deliveryOf(this.#delivery(deliveryId)!);
  }

  /**
   * What attempt `attempt` of a delivery needs, or null when it is not to be made: made already,
   * the delivery ended, the endpoint went, or it is being made now (the caller holds it for
   * {@link ATTEMPT_LEASE_MS}). So an attempt started twice makes one request.
   */
  async attempt(deliveryId: string, attempt: number): Promise<AttemptJob | null> {
    const row = this.#awaiting(deliveryId, attempt);
    if (!row) return null;
    const endpoint = this.#endpoint(row.endpoint_id);
    if (!endpoint) return null;
    const now = Date.now();
    if (row.leased_until !== null && row.leased_until > now) return null;
    this.#sql().exec("UPDATE deliveries SET leased_until = ? WHERE id = ?", now + ATTEMPT_LEASE_MS, deliveryId);
    const secrets = [endpoint.secret];
    if (endpoint.previous_secret && (endpoint.previous_until ?? 0) > now) secrets.push(endpoint.previous_secret);
    return { url: endpoint.url, body: row.body, messageId: row.message_id, secrets };
  }

  /**
   * Records how attempt `attempt` went and decides what follows: a 2xx ends the delivery; a 410
   * disables the endpoint and fails what it still had pending; anything else is tried again
   * after the schedule's next wait (or the receiver's `Retry-After`), until the schedule ends.
   */
  async recordAttempt(deliveryId: string, attempt: number, outcome: AttemptOutcome): Promise<void> {
    const row = this.#awaiting(deliveryId, attempt);
    if (!row) return;
    const now = Date.now();
    const sql = this.#sql();
    const status = outcome.status;
    const schedule = loadConfig(this.env).webhooks.retrySeconds;
    const next = afterAttempt(outcome, schedule[attempt - row.round_start - 1], now);
    sql.exec(
      `UPDATE deliveries SET attempts = ?, last_attempt_at = ?, last_status = ?, status = ?, next_attempt_at = ?,
         sent_at = NULL, leased_until = NULL WHERE id = ?`,
      attempt,
      now,
      status,
      next.status,
      next.at,
      deliveryId,
    );
    if (status === 410) {
      sql.exec(
        "UPDATE endpoints SET disabled_reason = ? WHERE id = ?",
        `the receiver answered 410 Gone on ${new Date(now).toISOString()}`,
        row.endpoint_id,
      );
      sql.exec(
        "UPDATE deliveries SET status = 'failed', next_attempt_at = NULL, sent_at = NULL WHERE endpoint_id = ? AND status = 'pending'",
        row.endpoint_id,
      );
    }
    if (outcome.error) console.error(`webhook ${row.message_id} to ${row.endpoint_id}: ${outcome.error}`);
    await this.#wake(now);
  }

  /**
   * Attempts are due, or one started was never recorded: make them (again). Deliveries that ended
   * more than {@link ENDED_DELIVERY_MS} ago go.
   */
  override async alarm(): Promise<void> {
    const now = Date.now();
    this.#purgeEnded(now);
    await this.#dispatch(now);
  }

  /**
   * Deletes the deliveries that ended (succeeded or failed) {@link ENDED_DELIVERY_MS} ago or more,
   * {@link PURGE_BATCH} at a time (`#wake` comes back for the rest at once).
   */
  #purgeEnded(now: number): void {
    if (!this.#state.exists) return;
    const ended = this.#sql()
      .exec<{ id: string }>(
        `SELECT id FROM deliveries WHERE status <> 'pending' AND ${ENDED_AT} <= ? LIMIT ?`,
        now - ENDED_DELIVERY_MS,
        PURGE_BATCH,
      )
      .toArray()
      .map((row) => row.id);
    this.ctx.storage.transactionSync(() => this.#deleteDeliveries(ended));
  }

  #sql(): SqlStorage {
    return this.#state.writable();
  }

  #endpoint(id: string): EndpointRow | undefined {
    if (!this.#state.exists) return undefined;
    return this.#sql().exec<EndpointRow>("SELECT * FROM endpoints WHERE id = ?", id).toArray()[0];
  }

  #delivery(id: string): DeliveryRow | undefined {
    if (!this.#state.exists) return undefined;
    return this.#sql().exec<DeliveryRow>("SELECT * FROM deliveries WHERE id = ?", id).toArray()[0];
  }

  /** The delivery if `attempt` is its next one and it is still pending; a repeated or late attempt finds none. */
  #awaiting(deliveryId: string, attempt: number): DeliveryRow | undefined {
    const row = this.#delivery(deliveryId);
    return row?.status === "pending" && row.attempts === attempt - 1 ? row : undefined;
  }

  /** Adds a delivery unless the endpoint has this message already; its id, or null if it had. */
  #addDelivery(
    endpointId: string,
    event: { type: WebhookEventType | "webhook.test"; messageId: string; body: string; subjects?: string[] },
    now: number,
  ): string | null {
    const id = `dlv_${ulid(now)}`;
    const added = this.#sql()
      .exec(
        `INSERT INTO deliveries (id, endpoint_id, message_id, type, body, created_at, status, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (endpoint_id, message_id) DO NOTHING RETURNING id`,
        id,
        endpointId,
        event.messageId,
        event.type,
        event.body,
        now,
        now,
      )
      .toArray();
    if (added.length === 0) return null;
    if (event.subjects) this.#addSubjects(id, event.subjects);
    return id;
  }

  /**
   * Starts due attempts, as many as may run beside those running ({@link CONCURRENT_ATTEMPTS}; a
   * due one never recorded is started again: `attempt` makes each once), then sets the alarm for
   * the next. Each runs on its own, not awaited here: a receiver taking its 15 s never holds up
   * another endpoint's delivery, nor this object's other work, and when it ends the next due
   * starts. One cut short (the object went away) is due again {@link IN_FLIGHT_MS} after it started.
   */
  async #dispatch(now: number): Promise<void> {
    if (!this.#state.exists) return;
    const room = CONCURRENT_ATTEMPTS - this.#running;
    if (room <= 0) {
      // Full: each attempt running starts the next when it ends; the alarm is the backstop,
      // should the object go away meanwhile.
      await this.#state.wakeNoLaterThan(now + IN_FLIGHT_MS);
      return;
    }
    const sql = this.#sql();
    // One attempt per endpoint at a time, its oldest due first: a receiver hears of changes in
    // the order they were published (a retry waiting for its time aside) and is never sent two
    // requests at once.
    const due = sql
      .exec<{ id: string; attempts: number }>(
        `SELECT d.id, d.attempts FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ?1 AND (d.sent_at IS NULL OR d.sent_at <= ?2)
           AND NOT EXISTS (SELECT 1 FROM deliveries f
             WHERE f.endpoint_id = d.endpoint_id AND f.status = 'pending' AND f.sent_at > ?2)
           AND d.rowid = (SELECT g.rowid FROM deliveries g
             WHERE g.endpoint_id = d.endpoint_id AND g.status = 'pending' AND g.next_attempt_at <= ?1
               AND (g.sent_at IS NULL OR g.sent_at <= ?2)
             ORDER BY g.next_attempt_at, g.rowid LIMIT 1)
         ORDER BY d.next_attempt_at, d.rowid LIMIT ?3`,
        now,
        now - IN_FLIGHT_MS,
        room,
      )
      .toArray();
    if (due.length > 0) {
      // Marked started first, so a call that comes in meanwhile does not start them too; and the
      // alarm is set first, so they are made again should the object go away.
      for (const row of due) sql.exec("UPDATE deliveries SET sent_at = ? WHERE id = ?", now, row.id);
      await this.#state.wakeNoLaterThan(now + IN_FLIGHT_MS);
      const { allowPrivate } = loadConfig(this.env).webhooks;
      for (const row of due) {
        this.#running++;
        this.ctx.waitUntil(this.#attempt(row.id, row.attempts + 1, allowPrivate));
      }
    }
    await this.#wake(now);
  }

  /**
   * Makes attempt `attempt` of a delivery and records how it went, then starts the next due; a
   * failure is made again later.
   */
  async #attempt(deliveryId: string, attempt: number, allowPrivate: boolean): Promise<void> {
    try {
      const job = await this.attempt(deliveryId, attempt);
      if (job) await this.recordAttempt(deliveryId, attempt, await deliver(job, allowPrivate));
    } catch (error) {
      console.error(`webhook attempt ${attempt} of ${deliveryId} failed; made again later`, errorMessage(error));
    } finally {
      this.#running--;
    }
    try {
      await this.#dispatch(Date.now());
    } catch (error) {
      console.error("starting the next webhook attempts failed; the alarm does", errorMessage(error));
    }
  }

  /**
   * Sets the alarm for the next attempt due, the next re-send of one in flight, or the oldest ended
   * delivery's purge; none if nothing waits.
   */
  async #wake(now: number): Promise<void> {
    const sql = this.#sql();
    const { next } = sql
      .exec<{ next: number | null }>(
        `SELECT min(CASE WHEN sent_at IS NULL THEN next_attempt_at ELSE sent_at + ? END) AS next
         FROM deliveries WHERE status = 'pending'`,
        IN_FLIGHT_MS,
      )
      .one();
    // The oldest ended delivery, from its own index: no scan of the table on every attempt.
    const { ended } = sql
      .exec<{ ended: number | null }>(`SELECT min(${ENDED_AT}) AS ended FROM deliveries WHERE status <> 'pending'`)
      .one();
    const purge = ended === null ? Number.POSITIVE_INFINITY : ended + ENDED_DELIVERY_MS;
    await this.#state.wakeAt(Math.max(Math.min(next ?? Number.POSITIVE_INFINITY, purge), now));
  }
}
