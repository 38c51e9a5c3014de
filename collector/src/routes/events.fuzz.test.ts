import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { hasHiddenCharacters } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import { makeEvent, newClient, newId, postEvents, storedCount } from "../../test/requests.ts";
import { visitorStub } from "../objects/object-naming.ts";

/** A small seeded PRNG (mulberry32), so a failing body can be reproduced from its index. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const visitor = newId();
const now = Date.now();

/** Bodies that must each be refused as a whole, by kind; every kind makes many variants. */
function badBodies(random: () => number): Array<[string, string | Uint8Array]> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const randomScalar = (): unknown =>
    pick([() => int(1e9) - 5e8, () => random(), () => "x".repeat(int(40)), () => true, () => null, () => -0])();
  const randomJson = (depth: number): unknown => {
    if (depth <= 0 || random() < 0.3) return randomScalar();
    if (random() < 0.5) return Array.from({ length: int(4) }, () => randomJson(depth - 1));
    return Object.fromEntries(
      Array.from({ length: int(4) }, () => [
        pick(["a", "site", "events", "sentAt", "v", "type"]),
        randomJson(depth - 1),
      ]),
    );
  };
  const event = () => makeEvent(visitor);
  const bodies: Array<[string, string | Uint8Array]> = [];
  const add = (kind: string, body: unknown) =>
    bodies.push([kind, typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body)]);

  for (let i = 0; i < 42; i++) {
    // Random JSON that is not an object at the top.
    add("random scalar or array", JSON.stringify(pick([randomScalar(), [randomJson(3)], []])));
    // Random objects: they never carry a valid envelope by chance (sentAt must be a ms time after 2020).
    add("random object", { ...(randomJson(4) as object), sentAt: pick(["now", -1, 1.5, null, {}]) });
    // Envelope fields of the wrong type.
    add("wrong types", {
      site: pick([42, null, [], {}, "", "a b", "x".repeat(65)]),
      sentAt: now,
      events: [event()],
    });
    add("events not an array", { site: "demo", sentAt: now, events: pick([{}, "x", 1, null, { 0: event() }]) });
    add("empty events", { site: "demo", sentAt: now, events: [] });
    // Huge strings: over the 64 KiB body limit.
    add("huge string", { site: "demo", sentAt: now, events: [{ ...event(), title: "é".repeat(33_000 + int(1000)) }] });
    // Deep nesting where the envelope needs a scalar.
    const depth = 1_000 + int(20_000);
    add("deep nesting", `{"site":"demo","sentAt":${"[".repeat(depth)}${"]".repeat(depth)},"events":[]}`);
    add("deep unbalanced nesting", "[".repeat(depth));
    // Prototype keys never smuggle an envelope in.
    add(
      "__proto__ / constructor keys",
      pick([
        `{"__proto__":{"site":"demo","sentAt":${now}},"events":[${JSON.stringify(event())}]}`,
        `{"constructor":{"prototype":{"site":"demo"}},"sentAt":${now},"events":[${JSON.stringify(event())}]}`,
        `{"site":"demo","__proto__":{"sentAt":${now}},"events":[${JSON.stringify(event())}]}`,
      ]),
    );
    // Invalid UTF-8 inside an otherwise valid batch.
    const valid = new TextEncoder().encode(JSON.stringify({ site: "demo", sentAt: now, events: [event()] }));
    const broken = new Uint8Array(valid);
    broken[10 + int(valid.length - 20)] = pick([0xff, 0xfe, 0xc0, 0x80]);
    add("invalid UTF-8", broken);
    // Truncated JSON.
    const text = JSON.stringify({ site: "demo", sentAt: now, events: [event()] });
    add("truncated JSON", text.slice(0, 1 + int(text.length - 2)));
    // Unknown sites and too many events.
    add("unknown site", { site: `site-${int(1e6)}`, sentAt: now, events: [event()] });
    add("too many events", { site: "demo", sentAt: now, events: Array.from({ length: 101 + int(50) }, event) });
  }
  return bodies;
}

describe("POST /v1/events under fuzzing", () => {
  it("answers 500+ generated bad bodies with a 4xx JSON error and stores nothing", async () => {
    const bodies = badBodies(prng(20261122));
    expect(bodies.length).toBeGreaterThanOrEqual(500);
    const failures: string[] = [];
    for (let i = 0; i < bodies.length; i += 25) {
      const chunk = bodies.slice(i, i + 25);
      const responses = await Promise.all(chunk.map(([, body]) => postEvents(body, { client: newClient() })));
      for (const [j, response] of responses.entries()) {
        const [kind] = chunk[j]!;
        const text = await response.text();
        let code: unknown;
        try {
          code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
        } catch {
          code = undefined;
        }
        if (response.status < 400 || response.status >= 500 || typeof code !== "string") {
          failures.push(`#${i + j} ${kind}: ${response.status} ${text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await storedCount(visitor)).toBe(0);
    const leads = await env.DB.prepare("SELECT count(*) AS n FROM leads").first<{ n: number }>();
    expect(leads?.n).toBe(0);
  }, 120_000);
});

/** Code units that hide or disguise text: every range the wire format refuses in names. */
const HIDDEN_RANGES: Array<[number, number]> = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
  [0xd800, 0xdfff], // a lone surrogate half
];

/** Visible text in several scripts, which names may hold. */
const VISIBLE = ["demo", "solicitud_demostración", "デモ依頼", "запрос", "طلب", "🚀launch", "a.b:c-d e"];

describe("POST /v1/events: hidden characters in names, fuzzed", () => {
  it("refuses custom events whose name hides characters, strips them from form ids, stores the rest", async () => {
    const random = prng(20261123);
    const int = (max: number) => Math.floor(random() * max);
    const fuzzed = newId();
    const hiddenCharacter = () => {
      const [low, high] = HIDDEN_RANGES[int(HIDDEN_RANGES.length)]!;
      return String.fromCharCode(low + int(high - low + 1));
    };
    const expected = { accepted: 0, rejected: 0 };
    for (let request = 0; request < 8; request++) {
      const events = Array.from({ length: 25 }, () => {
        const visible = VISIBLE[int(VISIBLE.length)]!;
        const hide = random() < 0.6;
        // Strictly inside: at the edges, whitespace-like controls (tab, BOM) are trimmed away first.
        const at = 1 + int(visible.length - 1);
        const text = hide ? visible.slice(0, at) + hiddenCharacter() + visible.slice(at) : visible;
        const custom = random() < 0.5;
        if (hide && custom) expected.rejected++;
        else expected.accepted++;
        return custom
          ? makeEvent(fuzzed, { type: "custom", name: text } as never)
          : makeEvent(fuzzed, { type: "form_submit", formId: text, traits: {} } as never);
      });
      const response = await postEvents({ site: "demo", sentAt: Date.now(), events }, { client: newClient() });
      const body = (await response.json()) as { accepted: number; rejected: Array<{ code: string }> };
      expect(body.rejected.every((rejection) => rejection.code === "invalid_event")).toBe(true);
    }
    expect(await storedCount(fuzzed)).toBe(expected.accepted);
    expect(expected.rejected).toBeGreaterThan(25);
    // What was stored shows no hidden character: form ids were cleaned, custom names refused.
    const stored = await runInDurableObject(visitorStub(env.VISITORS, fuzzed), (_, state) =>
      state.storage.sql.exec<{ body: string }>("SELECT body FROM events").toArray(),
    );
    for (const { body } of stored) {
      const { name, formId } = JSON.parse(body) as { name?: string; formId?: string };
      expect(hasHiddenCharacters(name ?? formId ?? ""), body).toBe(false);
    }
  });
});
