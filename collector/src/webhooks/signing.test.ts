import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signedHeaders } from "./signing.ts";

describe("signedHeaders", () => {
  const body = JSON.stringify({ type: "webhook.test", timestamp: "2026-12-03T12:00:00.000Z", data: {} });

  it("signs so that the standardwebhooks library verifies, and a tampered body does not", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const headers = signedHeaders("msg_1", new Date(), body, [secret]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace("test", "tset"), headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("signs with both secrets during a rotation, so either verifies", () => {
    const [previous, current] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signedHeaders("msg_2", new Date(), body, [current, previous]);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
  });
});
