/**
 * The webhooks object's side of an erasure, on deliveries stored before deliveries kept their
 * subjects (the first erasure reads their bodies once to find whom they name); what it forgets of
 * a lead that left on its own; and how long it keeps deliveries that ended.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../test/requests.ts";
import { webhooksStub } from "../objects/object-naming.ts";
import { leadSubject } from "./messages.ts";
import { ENDED_DELIVERY_MS, type WebhooksObject } from "./webhooks-object.ts";

describe("WebhooksObject.erase", () => {
  it("finds the deliveries stored before subjects were kept, and deletes only those naming the person", async () => {
    const stub = webhooksStub(env.WEBHOOKS);
    const erased = newId();
    const other = newId();
    const domain = `old-${newId().toLowerCase()}.test`;
    const email = `eve@${domain}`;
    const leadBody = (visitorId: string) =>
      JSON.stringify({ type: "lead.stage_changed", timestamp: "", data: { visitorIds: [visitorId] } });
    const accountBody = (reason: string) =>
      JSON.stringify({
        type: "account.stage_changed",
        timestamp: "",
        data: { domain, account: { people: [{ visitorId: other }], stageHistory: [{ reason }] } },
      });
    const ids = await runInDurableObject(stub, async (object: WebhooksObject, state) => {
      const endpoint = (await object.create(
        { url: "https://old.receiver.test/in", events: ["account.stage_changed"] },
        Date.now(),
      ))!;
      const insert = (body: string) => {
        const id = `dlv_${newId()}`;
        // As an older collector stored them: no subjects beside them.
        state.storage.sql.exec(
          `INSERT INTO deliveries (id, endpoint_id, message_id, type, body, created_at, status)
           VALUES (?, ?, ?, ?, ?, ?, 'succeeded')`,
          id,
          endpoint.id,
          `msg_${id}`,
          JSON.parse(body).type,
          body,
          Date.now(),
        );
        return id;
      };
      state.storage.sql.exec("DELETE FROM meta WHERE key = 'subjectsIndexed'");
      return {
        erasedLead: insert(leadBody(erased)),
        otherLead: insert(leadBody(other)),
        naming: insert(accountBody(`${email} became sql`)),
        notNaming: insert(accountBody("decay")),
      };
    });
    await stub.erase(
      [erased],
      // Deliveries from before spaces name an account without one.
      { email, account: { space: "", domain } },
      {
        type: "lead.erased",
        messageId: `msg_${newId()}`,
        stage: null,
        subjects: [],
        body: "{}",
      },
    );
    const left = await runInDurableObject(stub, (_, state) =>
      state.storage.sql
        .exec<{ id: string }>("SELECT id FROM deliveries")
        .toArray()
        .map((row) => row.id),
    );
    expect(left).not.toContain(ids.erasedLead);
    expect(left).not.toContain(ids.naming);
    expect(left).toContain(ids.otherLead);
    expect(left).toContain(ids.notNaming);
  });
});

/** The ids of the deliveries the webhooks object holds. */
function deliveryIds(): Promise<string[]> {
  return runInDurableObject(webhooksStub(env.WEBHOOKS), (_, state) =>
    state.storage.sql
      .exec<{ id: string }>("SELECT id FROM deliveries")
      .toArray()
      .map((row) => row.id),
  );
}

/** A stage change of the lead of `email` as a published event, naming its visitor and its lead. */
function stageChangeOf(email: string, visitorId: string) {
  const leadId = `person:demo:${email}`;
  return {
    leadId,
    event: {
      type: "lead.stage_changed" as const,
      messageId: `msg_${newId()}`,
      stage: "iql",
      subjects: [visitorId, leadSubject(leadId)],
      body: JSON.stringify({ type: "lead.stage_changed", data: { email, visitorIds: [visitorId] } }),
    },
  };
}

describe("WebhooksObject.forget", () => {
  it("deletes the deliveries about a lead that left on its own, and refuses its browsers nothing later", async () => {
    const stub = webhooksStub(env.WEBHOOKS);
    await stub.create({ url: `https://forget-${newId().toLowerCase()}.receiver.test/in` }, Date.now());
    const [visitor, other] = [newId(), newId()];
    const gone = stageChangeOf(`gone-${newId().toLowerCase()}@forget.test`, visitor);
    const staying = stageChangeOf(`staying-${newId().toLowerCase()}@forget.test`, other);
    const before = await deliveryIds();
    await stub.publish([gone.event, staying.event]);
    const published = (await deliveryIds()).filter((id) => !before.includes(id));
    expect(published).toHaveLength(2);
    await stub.forget(gone.leadId);
    const bodies = await runInDurableObject(stub, (_, state) =>
      state.storage.sql
        .exec<{ id: string; body: string }>("SELECT id, body FROM deliveries")
        .toArray()
        .filter((row) => published.includes(row.id))
        .map((row) => JSON.parse(row.body).data.email),
    );
    expect(bodies).toEqual([JSON.parse(staying.event.body).data.email]);
    // The browser was not erased: an event about it later is delivered as ever.
    const later = await deliveryIds();
    await stub.publish([stageChangeOf(`again-${newId().toLowerCase()}@forget.test`, visitor).event]);
    expect((await deliveryIds()).filter((id) => !later.includes(id))).toHaveLength(1);
  });
});

describe("WebhooksObject's alarm", () => {
  it("deletes deliveries that ended a month ago, and keeps those that ended since", async () => {
    const stub = webhooksStub(env.WEBHOOKS);
    const endpoint = (await stub.create({ url: `https://old-${newId().toLowerCase()}.receiver.test/in` }, Date.now()))!;
    const now = Date.now();
    const [old, recent] = [`dlv_${newId()}`, `dlv_${newId()}`];
    await runInDurableObject(stub, (_, state) => {
      for (const [id, at] of [
        [old, now - ENDED_DELIVERY_MS - 60_000],
        [recent, now - 60_000],
      ] as const) {
        state.storage.sql.exec(
          `INSERT INTO deliveries (id, endpoint_id, message_id, type, body, created_at, status, last_attempt_at)
           VALUES (?, ?, ?, 'webhook.test', '{}', ?, 'succeeded', ?)`,
          id,
          endpoint.id,
          `msg_${id}`,
          at,
          at,
        );
      }
    });
    await runInDurableObject(stub, (instance: WebhooksObject) => instance.alarm());
    const left = await deliveryIds();
    expect(left).not.toContain(old);
    expect(left).toContain(recent);
  });
});
