import { describe, expect, it } from "vitest";
import { LIMITS } from "./limits.ts";
import { batchEnvelopeSchema, eventBatchSchema, validateEvent, type WireEvent } from "./wire.ts";

const base = {
  id: "01JD0000000000000000000001",
  visitorId: "01JD0000000000000000000002",
  sessionId: "01JD0000000000000000000003",
  ts: Date.UTC(2026, 10, 1),
  url: "https://acme.test/blog/abm",
};

const valid: Array<[string, WireEvent]> = [
  ["content view with stage", { ...base, type: "content_view", stage: "awareness", title: "ABM" }],
  ["untagged content view", { ...base, type: "content_view" }],
  ["pricing view", { ...base, type: "pricing_view", referrer: "" }],
  ["download", { ...base, type: "download", href: "https://acme.test/guide.pdf", stage: "evaluation" }],
  ["form without traits", { ...base, type: "form_submit", formId: "newsletter" }],
  [
    "form with traits",
    {
      ...base,
      type: "form_submit",
      formId: "demo",
      intent: "demo",
      traits: { email: "ana@acme.test", company: "Acme", jobTitle: "VP", companySize: 200 },
    },
  ],
  ["identify", { ...base, type: "identify", traits: { email: "ana@acme.test" } }],
  ["custom", { ...base, type: "custom", name: "demo_request", props: { plan: "pro", seats: 5, ok: true, x: null } }],
  ["automated", { ...base, type: "content_view", automation: true }],
];

const invalid: Array<[string, unknown, string]> = [
  ["not an object", "hello", "not_an_object"],
  ["array", [base], "not_an_object"],
  ["null", null, "not_an_object"],
  ["unknown type", { ...base, type: "purchase" }, "unknown_type"],
  ["missing type", { ...base }, "unknown_type"],
  ["lower-case id", { ...base, type: "content_view", id: base.id.toLowerCase() }, "invalid_event"],
  ["id not a ULID", { ...base, type: "content_view", id: "1234" }, "invalid_event"],
  ["ts in seconds", { ...base, type: "content_view", ts: 1_700_000_000 }, "invalid_event"],
  ["fractional ts", { ...base, type: "content_view", ts: 1.5e12 + 0.5 }, "invalid_event"],
  ["javascript url", { ...base, type: "content_view", url: "javascript:alert(1)" }, "invalid_event"],
  ["huge url", { ...base, type: "content_view", url: `https://a.test/${"x".repeat(3000)}` }, "invalid_event"],
  ["bad stage", { ...base, type: "content_view", stage: "top" }, "invalid_event"],
  ["download without href", { ...base, type: "download" }, "invalid_event"],
  ["form without formId", { ...base, type: "form_submit" }, "invalid_event"],
  ["identify with a bad email", { ...base, type: "identify", traits: { email: "nope" } }, "invalid_event"],
  ["identify without email", { ...base, type: "identify", traits: { name: "Ana" } }, "invalid_event"],
  ["custom without name", { ...base, type: "custom" }, "invalid_event"],
  ["custom with control chars", { ...base, type: "custom", name: "a\u0000b" }, "invalid_event"],
  ["nested props", { ...base, type: "custom", name: "x", props: { a: { b: 1 } } }, "invalid_event"],
  ["constructor prop", { ...base, type: "custom", name: "x", props: { constructor: 1 } }, "invalid_event"],
  [
    "too many props",
    {
      ...base,
      type: "custom",
      name: "x",
      props: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])),
    },
    "invalid_event",
  ],
];

describe("validateEvent", () => {
  it.each(valid)("accepts %s", (_, event) => {
    const result = validateEvent(event);
    expect(result).toMatchObject({ ok: true, event: { id: base.id, type: event.type } });
  });

  it.each(invalid)("refuses %s", (_, raw, code) => {
    const result = validateEvent(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.length).toBeGreaterThan(0);
    }
  });

  it("refuses a __proto__ key as it refuses constructor, rather than dropping it, and pollutes nothing", () => {
    const result = validateEvent({
      ...base,
      type: "custom",
      name: "x",
      props: JSON.parse('{"__proto__":{"polluted":1},"a":2}'),
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_event" });
    if (!result.ok) expect(result.message).toContain("__proto__");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps a form submit whose traits are not usable, without those traits", () => {
    const result = validateEvent({
      ...base,
      type: "form_submit",
      formId: "demo",
      intent: "demo",
      traits: { email: "n/a", company: "", jobTitle: "VP Sales" },
    });
    expect(result).toMatchObject({ ok: true, event: { intent: "demo", traits: { jobTitle: "VP Sales" } } });
    if (result.ok && result.event.type === "form_submit") {
      expect(result.event.traits.email).toBeUndefined();
      expect(result.event.traits.company).toBeUndefined();
    }
  });

  it("drops an unusable title or referrer, never the event", () => {
    const result = validateEvent({
      ...base,
      type: "content_view",
      title: 42,
      referrer: "android-app://com.google.android.gm/",
    });
    expect(result).toMatchObject({ ok: true, event: { type: "content_view", title: undefined, referrer: undefined } });
  });

  it("cuts a long title to its limit, whatever client sent it, and leaves no half character", () => {
    const long = validateEvent({ ...base, type: "content_view", title: "x".repeat(600) });
    expect(long).toMatchObject({ ok: true, event: { title: "x".repeat(LIMITS.maxTitleLength) } });
    // An emoji (two UTF-16 units) across the cut: its first half must not be stored alone.
    const emoji = validateEvent({ ...base, type: "content_view", title: `${"x".repeat(LIMITS.maxTitleLength - 1)}🚚` });
    expect(emoji).toMatchObject({ ok: true, event: { title: "x".repeat(LIMITS.maxTitleLength - 1) } });
  });

  it("names the failing field in the message", () => {
    const result = validateEvent({ ...base, type: "identify", traits: { email: "nope" } });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("traits.email") });
  });

  it("keeps only identity traits and lower-cases the email", () => {
    const result = validateEvent({
      ...base,
      type: "identify",
      traits: { email: "Ana@Acme.Test", password: "hunter2" },
    });
    expect(result).toMatchObject({ ok: true, event: { traits: { email: "ana@acme.test" } } });
    if (result.ok && result.event.type === "identify") expect(result.event.traits).not.toHaveProperty("password");
  });
});

describe("batchEnvelopeSchema", () => {
  const batch = { site: "demo", sentAt: base.ts, events: [{}] };
  it("accepts an envelope and leaves events for one-by-one validation", () => {
    expect(batchEnvelopeSchema.safeParse(batch).success).toBe(true);
  });
  it.each([
    ["no site", { ...batch, site: undefined }],
    ["bad site key", { ...batch, site: "a b" }],
    ["no sentAt", { ...batch, sentAt: undefined }],
    ["events not an array", { ...batch, events: {} }],
    ["empty events", { ...batch, events: [] }],
    ["unknown version", { ...batch, v: 2 }],
  ])("refuses %s", (_, body) => {
    expect(batchEnvelopeSchema.safeParse(body).success).toBe(false);
  });
  it("names its limits", () => {
    expect(LIMITS.maxEventsPerBatch).toBe(100);
    expect(LIMITS.maxBodyBytes).toBe(65536);
  });
});

describe("eventBatchSchema, the batch as documented", () => {
  it("accepts a tracker's batch of valid events and holds the batch limit", () => {
    const events = valid.map(([, event]) => event);
    expect(eventBatchSchema.safeParse({ v: 1, site: "demo", sentAt: base.ts, events }).success).toBe(true);
    const tooMany = Array.from({ length: LIMITS.maxEventsPerBatch + 1 }, () => events[0]);
    expect(eventBatchSchema.safeParse({ site: "demo", sentAt: base.ts, events: tooMany }).success).toBe(false);
  });
});

describe("text from browsers", () => {
  const hidden = {
    "a C1 control": "\u0085",
    "a right-to-left override": "\u202e",
    "a zero-width space": "\u200b",
    "a byte-order mark": "\ufeff",
    "a lone surrogate": "\ud800",
    "a direction isolate": "\u2067",
  };

  it.each(Object.entries(hidden))("refuses %s in a custom event name, and removes it from a form id", (_, char) => {
    const custom = validateEvent({ ...base, type: "custom", name: `demo${char}_request` });
    expect(custom).toMatchObject({ ok: false, code: "invalid_event", message: expect.stringContaining("name") });
    const form = validateEvent({ ...base, type: "form_submit", formId: `news${char}letter` });
    expect(form).toMatchObject({ ok: true, event: { formId: "newsletter" } });
  });

  it("refuses a form id that is nothing but hidden characters", () => {
    expect(validateEvent({ ...base, type: "form_submit", formId: "\u200b\u202e" }).ok).toBe(false);
  });

  it("keeps names in any script, emoji included", () => {
    expect(validateEvent({ ...base, type: "custom", name: "solicitud_demostración" }).ok).toBe(true);
    expect(validateEvent({ ...base, type: "custom", name: "デモ依頼 🚀" }).ok).toBe(true);
  });

  it("removes hidden characters from titles and traits instead of refusing the event", () => {
    const result = validateEvent({
      ...base,
      type: "form_submit",
      formId: "demo",
      title: "Pricing\u202e ,gnicirp",
      traits: { jobTitle: "C\u200bE\u200bO", company: "\u202eemcA", name: "\u200b" },
    });
    expect(result).toMatchObject({
      ok: true,
      event: { title: "Pricing ,gnicirp", traits: { jobTitle: "CEO", company: "emcA" } },
    });
    if (result.ok && result.event.type === "form_submit") expect(result.event.traits.name).toBeUndefined();
  });
});
