import { describe, expect, it } from "vitest";
import { mainThreadCost, type TraceEvent, unionLength } from "./trace.ts";

const TRACKER = "http://127.0.0.1:9/trackers/embudo.js";
const main = (pid: number, tid: number): TraceEvent => ({
  name: "thread_name",
  ph: "M",
  pid,
  tid,
  ts: 0,
  args: { name: "CrRendererMain" },
});
/** A complete event on thread 1:1: `ts`/`dur` on the wall clock, `tts`/`tdur` on the thread clock. */
const span = (name: string, ts: number, dur: number, tts: number, tdur: number, args: TraceEvent["args"] = {}) =>
  ({ name, ph: "X", pid: 1, tid: 1, ts, dur, tts, tdur, args }) satisfies TraceEvent;

describe("unionLength", () => {
  it("counts nested and overlapping intervals once, in any order", () => {
    expect(unionLength([])).toBe(0);
    expect(
      unionLength([
        [10, 20],
        [0, 5],
        [12, 15],
        [18, 25],
      ]),
    ).toBe(20);
  });
});

describe("mainThreadCost", () => {
  it("sums the tracker's top-level events on both clocks, nested compiles once", () => {
    const events = [
      main(1, 1),
      span("EvaluateScript", 1000, 3000, 500, 1000, { data: { url: TRACKER } }),
      span("v8.compile", 1100, 400, 550, 200, { fileName: TRACKER }),
      span("FunctionCall", 9000, 2000, 4000, 500, { data: { url: TRACKER } }),
    ];
    expect(mainThreadCost(events, [TRACKER])).toEqual({ cpu: 1.5, wall: 5 });
  });

  it("leaves out other scripts, other threads and events with no thread clock from the CPU figure", () => {
    const events = [
      main(1, 1),
      span("EvaluateScript", 0, 1000, 0, 1000, { data: { url: TRACKER } }),
      span("EvaluateScript", 2000, 1000, 2000, 1000, { data: { url: "http://127.0.0.1:9/other.js" } }),
      { ...span("FunctionCall", 4000, 1000, 4000, 1000, { data: { url: TRACKER } }), tid: 2 },
      { ...span("FunctionCall", 6000, 1000, 0, 0, { data: { url: TRACKER } }), tts: undefined, tdur: undefined },
    ];
    expect(mainThreadCost(events, [TRACKER])).toEqual({ cpu: 1, wall: 2 });
  });

  it("counts module evaluation of the main world only when the tracker is a module", () => {
    const events = [
      main(1, 1),
      span("v8.evaluateModule", 0, 2000, 0, 1500, { worldId: 0 }),
      span("v8.evaluateModule", 5000, 2000, 5000, 1500, { worldId: 7 }),
    ];
    expect(mainThreadCost(events, [TRACKER], true)).toEqual({ cpu: 1.5, wall: 2 });
    expect(mainThreadCost(events, [TRACKER])).toEqual({ cpu: 0, wall: 0 });
  });
});
