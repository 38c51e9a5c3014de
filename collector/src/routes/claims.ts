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
    "A browser that gave a person's email with nothing tying it to the person (another network than the " +
    "person's browsers, the same day) is an unconfirmed claim: its events are kept and listed in the person's " +
    "`claims`, never scored. Sales settles it here: confirmed, the browser's events count for the person from " +
    "now; rejected, they leave its score. Answers the person's qualification after it.",
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

/** `POST /v1/visitors/:visitorId/claim`: sales' review of a browser's claim to its latest email's person. */
export const claimsRoute = newRouter().openapi(reviewRoute, async (c) => {
  const { visitorId } = c.req.valid("param");
  const { decision } = c.req.valid("json");
  if (!(await leadOfVisitor(c.env.DB, visitorId))) {
    throw new ApiError(404, "visitor_not_found", `no visitor ${visitorId} has been seen`);
  }
  const result = await visitorStub(c.env.VISITORS, visitorId).reviewClaim(visitorId, decision);
  if (result.status === "no_claim") {
    throw new ApiError(409, "no_claim", `visitor ${visitorId} claims no person: it gave no email`);
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
