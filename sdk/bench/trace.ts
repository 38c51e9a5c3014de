/**
 * Turns a Chromium trace of one page load into what a tracker cost the page's main thread.
 *
 * A tracker's work shows up in the renderer's main thread as a few top-level JavaScript events:
 * `EvaluateScript` and `v8.compile` for a classic script, `v8.compileModule` and
 * `v8.evaluateModule` for a module, `v8.run` around either, and `FunctionCall` for every callback
 * (timers, listeners) that runs later. They nest (a compile inside an evaluation), so the cost is
 * the length of the union of their intervals: on the thread clock (`tts`/`tdur`, work actually
 * done) and on the wall clock (`ts`/`dur`, how long the thread was busy or blocked, waits on the
 * browser process included). Work the tracker moves off the main thread (streamed compilation)
 * and microtasks (traced without a script URL) are not counted.
 */

/** The fields of a Chrome trace event that this module reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tts?: number;
  tdur?: number;
  args?: {
    name?: string;
    fileName?: string;
    worldId?: number;
    data?: { url?: string };
  };
}

/** What one load cost the main thread, in milliseconds. */
export interface MainThreadCost {
  /** Work done: the union of the tracker's intervals on the thread clock. */
  cpu: number;
  /** Time the thread was busy with, or blocked on, the tracker: the same union on the wall clock. */
  wall: number;
}

const SCRIPT_EVENTS = new Set(["EvaluateScript", "v8.compile", "v8.compileModule", "v8.run", "FunctionCall"]);

/** Length of the union of `[start, end]` intervals (nested and overlapping ones counted once). */
export function unionLength(intervals: Array<[number, number]>): number {
  let total = 0;
  let reached = Number.NEGATIVE_INFINITY;
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (end <= reached) continue;
    total += end - Math.max(start, reached);
    reached = end;
  }
  return total;
}

/**
 * The main-thread cost of the scripts at `urls` in `events` (a trace in microseconds).
 * `modules` says the page loads the tracker as an ES module: `v8.evaluateModule` carries no URL,
 * so every module evaluation of the page's main world counts; the benchmark's page has no other
 * module.
 */
export function mainThreadCost(events: TraceEvent[], urls: string[], modules = false): MainThreadCost {
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === "M" && event.name === "thread_name" && event.args?.name === "CrRendererMain")
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const ours = events.filter((event) => {
    if (event.ph !== "X" || !mainThreads.has(`${event.pid}:${event.tid}`)) return false;
    if (modules && event.name === "v8.evaluateModule") return event.args?.worldId === 0;
    const url = event.args?.data?.url ?? event.args?.fileName;
    return SCRIPT_EVENTS.has(event.name) && url !== undefined && urls.includes(url);
  });
  const ms = (microseconds: number) => microseconds / 1000;
  return {
    // The thread clock is a clock of its own: an event without one is left out, never mixed in.
    cpu: ms(
      unionLength(
        ours.flatMap((event) => (event.tts === undefined ? [] : [[event.tts, event.tts + (event.tdur ?? 0)]])),
      ),
    ),
    wall: ms(unionLength(ours.map((event) => [event.ts, event.ts + (event.dur ?? 0)]))),
  };
}
