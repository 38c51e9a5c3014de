/**
 * Where the tracker keeps its state: localStorage once storing is allowed, memory until then.
 * One tracker per page, so the state is the module's own.
 *
 * Every localStorage call is guarded: storage throws in sandboxed frames, with cookies
 * blocked, or when full, and the tracker then keeps working from memory for the page's life.
 */

/** localStorage keys the tracker owns; withdrawing consent erases all of them. */
/** The visitor and session ids (identity.ts). */
export const IDS_KEY = "embudo:v";
export const QUEUE_KEY = "embudo:q";
export const CONSENT_KEY = "embudo:c";
// "embudo:s" held the session of earlier versions: a refusal erases it too.
const OWN_KEYS = [IDS_KEY, "embudo:s", QUEUE_KEY, CONSENT_KEY];

/** Whether values may reach localStorage; also whether events may be sent (both need consent). */
export let storing = false;
let memory: Record<string, string> = {};

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

/** Allows storing (held values move to localStorage) or forbids it (stored values are erased). */
export const allowStoring = (allowed: boolean): void => {
  storing = allowed;
  if (allowed) for (let key in memory) write(key, memory[key]!);
  else {
    memory = {};
    for (let key of OWN_KEYS)
      try {
        localStorage.removeItem(key);
      } catch {}
  }
};
