/**
 * The SQLite of one Durable Object: its tables, made by the first write rather than in the
 * constructor (a read of an object never written, such as a typo or a guess, must not leave an
 * object with its own database behind), and a `meta` table of small key–value state.
 */
export class ObjectState {
  #hasSchema: boolean;
  /** Whether this instance ran the schema: tables added since an object was made come with it. */
  #schemaEnsured = false;
  /** The last serialized run in flight (see {@link serially}). */
  #running: Promise<unknown> = Promise.resolve();

  /**
   * @param schema statements that create the object's tables (`IF NOT EXISTS`); `meta` is added.
   * @param marker a table the schema creates, whose presence says the schema exists.
   */
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly schema: readonly string[],
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
      for (const statement of this.schema) this.storage.sql.exec(statement);
      this.storage.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      this.#hasSchema = true;
      this.#schemaEnsured = true;
    }
    return this.storage.sql;
  }

  meta(key: string): string | undefined {
    if (!this.#hasSchema) return undefined;
    return this.storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
  }

  /** Sets meta values in one transaction; null deletes the key. */
  setMeta(values: Record<string, string | null>): void {
    const sql = this.writable();
    this.storage.transactionSync(() => {
      for (const [key, value] of Object.entries(values)) {
        if (value === null) sql.exec("DELETE FROM meta WHERE key = ?", key);
        else sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
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
   * Deletes everything the object stored and its alarm, and keeps only `meta` (an erased object's
   * tombstone), in one transaction: a crash leaves either all of it or the tombstone alone, never
   * an empty object that forgot it was erased. The tables come back empty.
   */
  async reset(meta: Record<string, string>): Promise<void> {
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
      for (const [key, value] of Object.entries(meta))
        sql.exec("INSERT INTO meta (key, value) VALUES (?, ?)", key, value);
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
    this.setMeta({ [WORK_AT]: String(work) });
    await this.wakeAt(Math.min(work, sweep));
  }

  /** When the object's own work is next due, as {@link wakeFor} last set it (Infinity: never). */
  workAt(): number {
    const at = this.meta(WORK_AT);
    return at === undefined ? Number.NEGATIVE_INFINITY : Number(at);
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

/** Meta key of when the object's own work is next due (see `wakeFor`). */
const WORK_AT = "workAt";
