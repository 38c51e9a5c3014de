/**
 * The webhooks object's side of an erasure, on deliveries stored before deliveries kept their
 * subjects: the first erasure reads their bodies once to find whom they name.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../test/requests.ts";
import { webhooksStub } from "../objects/object-naming.ts";
import type { WebhooksObject } from "./webhooks-object.ts";

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
