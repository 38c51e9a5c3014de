import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { WireEvent } from "@embudo/shared";
import { describe, expect, it } from "vitest";
import { api, eventually, makeBatch, makeEvent, newId, postEvents, storedMetaKeys } from "../../../test/requests.ts";
import { accountStub } from "../object-naming.ts";
import { metaKeys } from "../object-state.ts";
import { ACCOUNT_STATE } from "./account-object.ts";

/** The account object's outbox and alarm, read from its storage. */
function outboxOf(domain: string) {
  return runInDurableObject(accountStub(env.ACCOUNTS, { space: "demo", domain }), async (_, state) => ({
    keys: state.storage.sql
      .exec<{ key: string }>("SELECT key FROM index_outbox ORDER BY version")
      .toArray()
      .map((row) => row.key),
    alarm: await state.storage.getAlarm(),
  }));
}

describe("an account whose last person leaves", () => {
  it("leaves the index once, and then sleeps: no alarm, nothing staged again", async () => {
    const domain = `leaving-${newId().toLowerCase()}.test`;
    const email = `ana@${domain}`;
    await postEvents(makeBatch([makeEvent(newId(), { type: "identify", traits: { email } } as Partial<WireEvent>)]));
    await eventually(
      async () => (await api.GET("/v1/accounts/{domain}", { params: { path: { domain } } })).response.status,
      (status) => status === 200,
    );
    const account = { space: "demo", domain };
    const stub = accountStub(env.ACCOUNTS, account);
    await runInDurableObject(stub, (instance) => instance.leave(account, email, "left"));
    expect((await outboxOf(domain)).keys).toContain(`account:demo:${domain}`);

    // Time passes: the removal is due for the sweep, which finds it landed (or writes it).
    await runInDurableObject(stub, async (instance, state) => {
      state.storage.sql.exec("UPDATE index_outbox SET due_at = 0");
      await instance.alarm();
    });
    expect(await outboxOf(domain)).toEqual({ keys: [], alarm: null });
    // Even an alarm for the account's own work stages nothing more.
    await runInDurableObject(stub, async (instance, state) => {
      state.storage.sql.exec("UPDATE meta SET value = '0' WHERE key = 'workAt'");
      await instance.alarm();
    });
    expect(await outboxOf(domain)).toEqual({ keys: [], alarm: null });
    await eventually(
      async () => (await api.GET("/v1/accounts", { params: { query: { limit: 200 } } })).data!.items,
      (items) => !items.some((item) => item.domain === domain),
    );
  });
});

describe("an account's state", () => {
  it("keeps in meta only what its state schema declares", async () => {
    const domain = `schema-${newId().toLowerCase()}.test`;
    const email = `ana@${domain}`;
    await postEvents(makeBatch([makeEvent(newId(), { type: "identify", traits: { email } } as Partial<WireEvent>)]));
    await eventually(
      async () => (await api.GET("/v1/accounts/{domain}", { params: { path: { domain } } })).response.status,
      (status) => status === 200,
    );
    const kept = await storedMetaKeys(accountStub(env.ACCOUNTS, { space: "demo", domain }));
    const declared = new Set(metaKeys(ACCOUNT_STATE));
    expect(kept).toEqual(expect.arrayContaining(["domain", "space", "indexed"]));
    expect(kept.filter((key) => !declared.has(key))).toEqual([]);
  });
});
