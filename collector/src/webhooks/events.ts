import type { WebhookEnvelope } from "@embudo/shared";
import { shortDigest } from "../digest.ts";
import type { IndexWrite } from "../index-projection/messages.ts";
import { inSpace } from "../spaces.ts";
import { accountSubject, leadSubject, type PublishedEvent } from "./messages.ts";

/**
 * The webhook event a stage change makes, or null for a write that notifies nobody. Everything in
 * it comes from the write, so publishing the same change again makes the same event: the same
 * `webhook-id` and the same body.
 */
export async function publishedEventOf(write: IndexWrite): Promise<PublishedEvent | null> {
  switch (write.kind) {
    case "stage_change": {
      const { change, qualification } = write;
      const envelope: WebhookEnvelope = {
        type: "lead.stage_changed",
        timestamp: change.recordedAt,
        data: {
          visitorId: change.visitorId,
          visitorIds: qualification.visitorIds,
          email: change.email,
          previousStage: change.previousStage,
          stage: change.stage,
          at: change.at,
          reason: change.reason,
          rule: change.rule,
          sequence: change.sequence,
          qualification,
        },
      };
      return {
        type: envelope.type,
        messageId: await messageId(`${envelope.type}:${change.leadId}:${change.sequence}`),
        stage: change.stage,
        subjects: [...qualification.visitorIds, leadSubject(change.leadId)],
        body: JSON.stringify(envelope),
      };
    }
    case "account_stage_change": {
      const { change } = write;
      const envelope: WebhookEnvelope = { type: "account.stage_changed", timestamp: change.at, data: change };
      return {
        type: envelope.type,
        messageId: await messageId(`${envelope.type}:${inSpace(change.space, change.domain)}:${change.sequence}`),
        stage: change.stage,
        subjects: [...change.account.people.map((person) => person.visitorId), accountSubject(change)],
        body: JSON.stringify(envelope),
      };
    }
    default:
      return null;
  }
}

/**
 * A message id that says nothing personal (the lead's email is part of what it is made from):
 * `msg_` and the first 128 bits of a SHA-256, in hex.
 */
async function messageId(source: string): Promise<string> {
  return `msg_${await shortDigest(source)}`;
}
