import type { z } from "zod";

/**
 * One value of an object's `meta` table, typed: its key, and how its value is kept as text.
 * Each object declares its fields in one place (its state schema), and reads and writes them
 * through {@link ObjectState.get} and {@link ObjectState.set}, so no caller parses or casts a
 * stored string. The texts are those objects have always stored (a site key as it is, a number
 * as `String(n)`, JSON for the rest), so objects stored by earlier versions read the same.
 */
export class MetaField<T> {
  constructor(
    readonly key: string,
    private readonly decode: (text: string) => T,
    private readonly encode: (value: T) => string,
  ) {}

  /** The value a stored text holds. */
  read(text: string): T {
    return this.decode(text);
  }

  /** The change that sets this field to `value`. */
  to(value: T): MetaChange {
    return { key: this.key, text: this.encode(value) };
  }

  /** The change that removes this field. */
  unset(): MetaChange {
    return { key: this.key, text: null };
  }
}

/** One change of `meta`: a key set to a text, or removed (null). Made by {@link MetaField}. */
export interface MetaChange {
  readonly key: string;
  readonly text: string | null;
}

/** A field kept as the text itself. */
export function textField(key: string): MetaField<string> {
  return new MetaField(
    key,
    (text) => text,
    (value) => value,
  );
}

/** A field holding a number (`Infinity` included), kept as `String(n)`. */
export function numberField(key: string): MetaField<number> {
  return new MetaField(key, Number, String);
}

/** A field holding JSON, checked against `schema` when it is read. */
export function jsonField<T>(key: string, schema: z.ZodType<T>): MetaField<T> {
  return new MetaField(
    key,
    (text) => schema.parse(JSON.parse(text)),
    (value) => JSON.stringify(value),
  );
}

/** The fields of one part of an object's state, by name. */
type StatePart = Record<string, { readonly key: string }>;

/** The parts merged: every part's fields. */
type Merged<Parts extends readonly StatePart[]> = Parts extends readonly [
  infer First,
  ...infer Rest extends readonly StatePart[],
]
  ? First & Merged<Rest>
  : unknown;

/**
 * An object's state schema: the fields of its parts (its own, its outbox's, its projection's…) in
 * one record. Throws when two parts name a field alike or share a key, which a plain spread would
 * let one part silently overwrite: the object would then read another part's value.
 */
export function stateSchema<const Parts extends readonly StatePart[]>(...parts: Parts): Merged<Parts> {
  const merged: StatePart = {};
  const keys = new Set<string>();
  for (const part of parts) {
    for (const [name, field] of Object.entries(part)) {
      if (name in merged) throw new Error(`the state field ${name} is declared twice`);
      if (keys.has(field.key)) throw new Error(`the meta key ${field.key} is declared twice`);
      merged[name] = field;
      keys.add(field.key);
    }
  }
  // Every part's fields, each under its own name: what the intersection of the parts' types says.
  return merged as Merged<Parts>;
}

/** The keys of an object's state schema, each once (see {@link stateSchema}). */
export function metaKeys(schema: StatePart): string[] {
  return Object.values(schema).map((field) => field.key);
}

/** Meta field of when the object's own work is next due (see {@link ObjectState.wakeFor}). */
export const WORK_AT = numberField("workAt");

/**
 * The SQLite of one Durable Object: its tables, made by the first write rather than in the
 * constructor (a read of an object never written, such as a typo or a guess, must not leave an
 * object with its own database behind), and a `meta` table of small typed values
 * ({@link MetaField}).
 */
export class ObjectState {
  #hasSchema: boolean;
  /** Whether this instance ran the schema: tables added since an object was made come with it. */
  #schemaEnsured = false;
  /** The last serialized run in flight (see {@link serially}). */
  #running: Promise<unknown> = Promise.resolve();

  /**
   * @param tables statements that create the object's tables (`IF NOT EXISTS`); `meta` is added.
   * @param marker a table the schema creates, whose presence says the schema exists.
   */
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly tables: readonly string[],
    marker: string,
  ) {
    this.#hasSchema =
      storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", marker).toArray().length > 0;
  }

  /** Whether anything was ever written. */
  get exists(): boolean {
    return this.#hasSchema;
  }

  /**
   * The database, its tables created first. The schema runs once per instance, not only when the
   * object is new: its statements are `IF NOT EXISTS`, so an object stored before a table was
   * added to the schema gets it on its next write.
   */
  writable(): SqlStorage {
    if (!this.#schemaEnsured) {
      for (const statement of this.tables) this.storage.sql.exec(statement);
      this.storage.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      this.#hasSchema = true;
      this.#schemaEnsured = true;
    }
    return this.storage.sql;
  }

  /** The database for reading, or null while nothing was ever written (reading creates nothing). */
  readable(): SqlStorage | null {
    return this.#hasSchema ? this.storage.sql : null;
  }

  /** Runs `work` in one storage transaction: all of its writes or none. */
  transaction<T>(work: () => T): T {
    return this.storage.transactionSync(work);
  }

  /** The value of `field`, or undefined when it is not set. */
  get<T>(field: MetaField<T>): T | undefined {
    if (!this.#hasSchema) return undefined;
    const text = this.storage.sql
      .exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", field.key)
      .toArray()[0]?.value;
    return text === undefined ? undefined : field.read(text);
  }

  /** Whether `field` is set. */
  has<T>(field: MetaField<T>): boolean {
    return this.get(field) !== undefined;
  }

  /** Makes every change (see {@link MetaField.to} and {@link MetaField.unset}) in one transaction. */
  set(...changes: readonly MetaChange[]): void {
    const sql = this.writable();
    this.storage.transactionSync(() => {
      for (const { key, text } of changes) {
        if (text === null) sql.exec("DELETE FROM meta WHERE key = ?", key);
        else sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, text);
      }
    });
  }

  /**
   * Runs `work` after the runs before it. A D1 write or a call to another object lets other
   * calls into the object while it waits, so a re-score (or sync) that read the state first
   * could finish last: one at a time, each from the state stored when it starts, every write
   * and alarm ends at the newest state. A failed run does not stop the ones after it.
   */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#running.then(work);
    this.#running = run.catch(() => undefined);
    return run;
  }

  /**
   * Deletes everything the object stored and its alarm, and keeps only `tombstone` in `meta` (an
   * erased object's), in one transaction: a crash leaves either all of it or the tombstone
   * alone, never an empty object that forgot it was erased. The tables come back empty.
   */
  async reset(...tombstone: readonly MetaChange[]): Promise<void> {
    await this.storage.deleteAlarm();
    const { sql } = this.storage;
    this.storage.transactionSync(() => {
      const tables = sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
        )
        .toArray();
      for (const { name } of tables) sql.exec(`DROP TABLE "${name}"`);
      this.#schemaEnsured = false;
      this.writable();
      for (const { key, text } of tombstone) {
        if (text !== null) sql.exec("INSERT INTO meta (key, value) VALUES (?, ?)", key, text);
      }
    });
  }

  /** Sets the object's alarm for `at`, or deletes it when `at` is not finite (nothing to wake for). */
  async wakeAt(at: number): Promise<void> {
    if (Number.isFinite(at)) await this.storage.setAlarm(at);
    else await this.storage.deleteAlarm();
  }

  /**
   * Sets the alarm for the earlier of `work` (when the object's own work is next due: a decay
   * review, a deferred write, a retry) and `sweep` (when its outbox is), and remembers `work`, so
   * an alarm for the sweep alone does no other work ({@link workDue}).
   */
  async wakeFor(work: number, sweep: number): Promise<void> {
    this.set(WORK_AT.to(work));
    await this.wakeAt(Math.min(work, sweep));
  }

  /** When the object's own work is next due, as {@link wakeFor} last set it (Infinity: never). */
  workAt(): number {
    return this.get(WORK_AT) ?? Number.NEGATIVE_INFINITY;
  }

  /**
   * Whether an alarm at `now` is for the object's work, not only its outbox. An object whose
   * alarm was set before it kept the time (or never) treats every alarm as work.
   */
  workDue(now: number): boolean {
    return now >= this.workAt();
  }

  /**
   * Makes sure the alarm rings no later than `at`, before an await that could outlive the object
   * (a queue send, a D1 write): what was just staged then has its alarm whatever happens.
   */
  async wakeNoLaterThan(at: number): Promise<void> {
    const current = await this.storage.getAlarm();
    if (current === null || current > at) await this.storage.setAlarm(at);
  }
}
