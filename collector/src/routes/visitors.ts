import { eventsPageSchema, feedbackRequestSchema, qualificationSchema, ulidSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { visitorStub } from "../objects/object-naming.ts";
import { authenticated, errorResponses, limitBody, newRouter } from "../openapi.ts";
import { decodeTimelineCursor, encodeTimelineCursor, pageQuery } from "../params/page-cursor.ts";
import { leadOfVisitor } from "../storage/leads-index.ts";

const visitorParams = z.object({
  visitorId: ulidSchema.describe("The visitor id: `embudo.visitorId()` in the browser, or `visitorId` of a lead."),
});

const qualificationResponse = {
  description: "The qualification of the visitor's lead, scored now: its person's, or its own while it gave no email.",
  content: { "application/json": { schema: qualificationSchema } },
};

function notFound(visitorId: string): ApiError {
  return new ApiError(404, "visitor_not_found", `no visitor ${visitorId} has been seen`);
}

const getVisitorRoute = createRoute({
  method: "get",
  path: "/{visitorId}",
  summary: "A visitor's qualification",
  description:
    "Stage, scores, points per content stage, intent, identity, counts, every reason and every stage change. " +
    "A visitor that gave an email answers with its person: every visitor that gave the same email, scored from " +
    "the union of their events (`visitorIds`, primary first). A visitor that gave two emails answers with the " +
    "person of its latest.",
  tags: ["Qualification"],
  ...authenticated(),
  request: { params: visitorParams },
  responses: { 200: qualificationResponse, ...errorResponses(400, 401, 404, 503) },
});

const timelineRoute = createRoute({
  method: "get",
  path: "/{visitorId}/events",
  summary: "A lead's raw events",
  description:
    "Every event stored for the visitor's lead, newest first, as the collector keeps it: the raw material of its " +
    "scores. For a person, the events of all its visitors, each once; sales feedback included. Events of automated " +
    "browsers are listed even where they are not scored (`automation: true`).",
  tags: ["Qualification"],
  ...authenticated(),
  request: { params: visitorParams, query: z.strictObject(pageQuery) },
  responses: {
    200: { description: "One page of events.", content: { "application/json": { schema: eventsPageSchema } } },
    ...errorResponses(400, 401, 404, 503),
  },
});

/** A feedback body is an id, an outcome and a reason of at most 500 characters. */
const FEEDBACK_MAX_BYTES = 4 * 1024;

const feedbackRoute = createRoute({
  method: "post",
  path: "/{visitorId}/feedback",
  summary: "Record sales feedback",
  description:
    "What sales said about the visitor's lead (its person, once it gave an email), stored beside its events and " +
    "scored with them: accepted keeps it an SQL, " +
    "rejected recycles it to MQL until a new hand-raise, disqualified makes it disqualified. Answers the new " +
    "qualification.",
  tags: ["Qualification"],
  ...authenticated(limitBody(FEEDBACK_MAX_BYTES)),
  request: {
    params: visitorParams,
    body: { required: true, content: { "application/json": { schema: feedbackRequestSchema } } },
  },
  responses: { 200: qualificationResponse, ...errorResponses(400, 401, 404, 409, 413, 415, 503) },
});

/**
 * `GET /v1/visitors/:visitorId`: one visitor's qualification, scored now.
 * `GET /v1/visitors/:visitorId/events`: its lead's raw timeline, newest first.
 * `POST /v1/visitors/:visitorId/feedback`: what sales said (accepted, rejected, disqualified),
 * stored as an event beside the visitor's own and scored with them.
 */
export const visitorsRoute = newRouter()
  .openapi(getVisitorRoute, async (c) => {
    const { visitorId } = c.req.valid("param");
    if (!(await leadOfVisitor(c.env.DB, visitorId))) throw notFound(visitorId);
    // The visitor's object, not the link, says which person answers: it finishes an
    // identification still on its way to the person before asking it.
    const qualification = await visitorStub(c.env.VISITORS, visitorId).qualification();
    if (!qualification) throw notFound(visitorId);
    return c.json(qualification, 200);
  })
  .openapi(timelineRoute, async (c) => {
    const { visitorId } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    if (!(await leadOfVisitor(c.env.DB, visitorId))) throw notFound(visitorId);
    const after = cursor ? decodeTimelineCursor(cursor) : undefined;
    const page = await visitorStub(c.env.VISITORS, visitorId).timeline(limit, after);
    if (!page) throw notFound(visitorId);
    return c.json({ items: page.items, nextCursor: page.next ? encodeTimelineCursor(page.next) : null }, 200);
  })
  .openapi(feedbackRoute, async (c) => {
    const { visitorId } = c.req.valid("param");
    const { outcome, reason, id } = c.req.valid("json");
    if (!(await leadOfVisitor(c.env.DB, visitorId))) throw notFound(visitorId);
    const result = await visitorStub(c.env.VISITORS, visitorId).recordFeedback(outcome, reason, id);
    if (result.status === "not_found") throw notFound(visitorId);
    if (result.status === "id_conflict") {
      throw new ApiError(409, "id_conflict", `the id ${id} already names another verdict or event of this visitor`);
    }
    return c.json(result.qualification, 200);
  });
