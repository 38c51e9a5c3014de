/**
 * Where the tracker keeps its state: localStorage once storing is allowed, memory until then.
 * One tracker per page, so the state is the module's own.
 *
 * Every localStorage call is guarded: storage throws in sandboxed frames, with cookies
 * blocked, or when full, and the tracker then keeps working from memory for the page's life.
 */

/** Every key the tracker owns starts so; withdrawing consent erases all of them. */
const PREFIX = "embudo:";
/** The visitor and session ids (identity.ts). */
export const IDS_KEY = "embudo:v";
/** Prefix of the queued events, one key each (delivery.ts). */
export const QUEUE_KEY = "embudo:q";
/** The visitor's answer to the consent question (privacy.ts). */
export const CONSENT_KEY = "embudo:c";

/** Whether values may reach localStorage; also whether events may be sent (both need consent). */
export let storing = false;
const memory: Record<string, string> = {};

/** Reads a value: memory first (values held before consent), then localStorage. */
export const read = (key: string): string | null | undefined => {
  if (key in memory) return memory[key]!;
  try {
    return localStorage.getItem(key);
  } catch {}
};

/** Writes a value; to memory while storing is not allowed, unless `always` (the opt-out flag). */
export const write = (key: string, value: string, always?: boolean): void => {
  try {
    if (!storing && !always) throw 0;
    localStorage.setItem(key, value);
    delete memory[key];
  } catch {
    memory[key] = value;
  }
};

/** Removes a value, wherever it is held. */
export const remove = (key: string): void => {
  delete memory[key];
  try {
    localStorage.removeItem(key);
  } catch {}
};

/** The keys starting with `prefix` that hold a value, in memory or in localStorage. */
export const keys = (prefix: string): string[] => {
  const found = Object.keys(memory);
  try {
    found.push(...Object.keys(localStorage));
  } catch {}
  return found.filter((key) => key.startsWith(prefix));
};

/**
 * Allows storing (held values move to localStorage) or forbids it: every value the tracker
 * holds is erased, those of earlier versions included, since they share the prefix.
 */
export const allowStoring = (allowed: boolean): void => {
  storing = allowed;
  if (allowed) for (const key in memory) write(key, memory[key]!);
  else keys(PREFIX).map(remove);
};
