import { erasureSchema, ulidSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { erasePeople, sumCounts } from "../objects/erasure.ts";
import { visitorStub } from "../objects/object-naming.ts";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { requireHashKey, suppressionHashes } from "../privacy/email-hash.ts";
import { leadOfVisitor } from "../storage/leads-index.ts";
import { isSuppressedVisitor, suppressedEmails } from "../storage/suppressions.ts";

const erasureResponse = {
  description: "The person was erased, or had been: what this request removed.",
  content: { "application/json": { schema: erasureSchema } },
};

const ERASURE_DESCRIPTION =
  "Erases the whole person, in every people space: every visitor that gave its email, all their events wherever " +
  "they were scored, its " +
  "identity and qualification, its leads row and stage history, its place in its account (re-assessed without it), " +
  "its part in the reports, and webhook deliveries that name it. A `lead.erased` webhook then says which visitor " +
  "ids went, and nothing else. The visitor ids and a keyed hash of the email stay on a suppression list: later " +
  "events of those visitors, and identities giving that mailbox in any spelling (case, a plus tag, Gmail's dots), " +
  "are refused with `suppressed`. Repeating the request " +
  "is safe: it finishes an erasure that was cut short, and answers zeros once there is nothing left.";

const eraseVisitorRoute = createRoute({
  method: "delete",
  path: "/{visitorId}",
  summary: "Erase a visitor's person",
  description: `${ERASURE_DESCRIPTION} The person is the one that answers for the visitor (its latest email's); a visitor that gave no email is erased alone.`,
  tags: ["Privacy"],
  ...authenticated(),
  request: { params: z.object({ visitorId: ulidSchema.describe("Any visitor of the person.") }) },
  responses: { 200: erasureResponse, ...errorResponses(400, 401, 404, 503) },
});

const erasePersonRoute = createRoute({
  method: "delete",
  path: "/",
  summary: "Erase a person by email",
  description: ERASURE_DESCRIPTION,
  tags: ["Privacy"],
  ...authenticated(),
  request: {
    query: z.strictObject({
      email: z.email().toLowerCase().describe("The person's email (case-insensitive)."),
    }),
  },
  responses: { 200: erasureResponse, ...errorResponses(400, 401, 404, 503) },
});

const NOTHING_LEFT = { erased: { visitors: 0, events: 0 } };

/**
 * `DELETE /v1/visitors/:visitorId`: erases the person that answers for a visitor.
 * Mounted beside the other `/v1/visitors` routes.
 */
export const visitorErasureRoute = newRouter().openapi(eraseVisitorRoute, async (c) => {
  const { visitorId } = c.req.valid("param");
  requireHashKey(c.env);
  // The index first, so a guessed id never makes an object; an erased visitor is still asked,
  // in case its erasure was cut short.
  const known = (await leadOfVisitor(c.env.DB, visitorId)) !== null || (await isSuppressedVisitor(c.env.DB, visitorId));
  const lead = known ? await visitorStub(c.env.VISITORS, visitorId).eraseLead(visitorId) : null;
  if (!lead) throw new ApiError(404, "visitor_not_found", `no visitor ${visitorId} has been seen`);
  // The person's email goes in every people space, as a request by email would erase it.
  const elsewhere = lead.email ? await erasePeople(c.env, lead.email) : null;
  return c.json({ erased: sumCounts(elsewhere ? [lead.erased, elsewhere] : [lead.erased]) }, 200);
});

/** `DELETE /v1/people?email=`: erases the person of an email. */
export const peopleRoute = newRouter().openapi(erasePersonRoute, async (c) => {
  const { email } = c.req.valid("query");
  const key = requireHashKey(c.env);
  const counts = await erasePeople(c.env, email);
  if (counts) return c.json({ erased: counts }, 200);
  // Erased before, in this spelling or another of its mailbox: nothing is left to erase.
  const hashes = await suppressionHashes(key, email);
  if ((await suppressedEmails(c.env.DB, hashes)).size > 0) return c.json(NOTHING_LEFT, 200);
  throw new ApiError(404, "person_not_found", "no person with this email has been seen");
});
