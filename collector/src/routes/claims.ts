import { claimReviewRequestSchema, qualificationSchema, ulidSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { visitorStub } from "../objects/object-naming.ts";
import { authenticated, errorResponses, limitBody, newRouter } from "../openapi.ts";
import { leadOfVisitor } from "../storage/leads-index.ts";

const reviewRoute = createRoute({
  method: "post",
  path: "/{visitorId}/claim",
  summary: "Confirm or reject a browser's claim to a person",
  description:
    "A browser that gave a person's email with nothing tying it to the person (no network shared with the " +
    "person's browsers within 30 days) is an unconfirmed claim: its events are kept and listed in the person's " +
    "`claims`, never scored. Sales settles it here: confirmed, all the browser's events count for the person; " +
    "rejected, they leave its score. `email` names the person (an email the browser gave; its latest by " +
    "default). Answers the person's qualification after it.",
  tags: ["Qualification"],
  ...authenticated(limitBody(1024)),
  request: {
    params: z.object({ visitorId: ulidSchema.describe("The claiming browser: a `claims[].visitorId`.") }),
    body: { required: true, content: { "application/json": { schema: claimReviewRequestSchema } } },
  },
  responses: {
    200: {
      description: "The person's qualification, scored with the review.",
      content: { "application/json": { schema: qualificationSchema } },
    },
    ...errorResponses(400, 401, 404, 409, 413, 415, 503),
  },
});

/** `POST /v1/visitors/:visitorId/claim`: sales' review of a browser's claim to a person it gave the email of. */
export const claimsRoute = newRouter().openapi(reviewRoute, async (c) => {
  const { visitorId } = c.req.valid("param");
  const { decision, email } = c.req.valid("json");
  if (!(await leadOfVisitor(c.env.DB, visitorId))) {
    throw new ApiError(404, "visitor_not_found", `no visitor ${visitorId} has been seen`);
  }
  const result = await visitorStub(c.env.VISITORS, visitorId).reviewClaim(visitorId, decision, email);
  if (result.status === "no_claim") {
    const whose = email === undefined ? "any person: it gave no email" : "that person: it never gave that email";
    throw new ApiError(409, "no_claim", `visitor ${visitorId} claims no ${whose}`);
  }
  if (result.status === "only_member") {
    throw new ApiError(
      409,
      "only_member",
      `visitor ${visitorId} is the only browser that speaks for its person: erase the person instead`,
    );
  }
  return c.json(result.qualification, 200);
});
