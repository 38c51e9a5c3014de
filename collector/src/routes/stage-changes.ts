import { QUALIFICATION_STAGES, stageChangesPageSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { decodeCursor, pageAnswer, pageQuery } from "../params/page-cursor.ts";
import { siteQuery } from "../params/site-query.ts";
import { listStageChanges } from "../storage/stage-changes.ts";

/** Query of `GET /v1/stage-changes`; unknown parameters are refused. */
export const stageChangesQuerySchema = z.strictObject({
  stage: z.enum(QUALIFICATION_STAGES).optional().describe("Only changes to this stage, e.g. `mql`."),
  site: siteQuery.optional().describe("Only changes of leads of this site key."),
  ...pageQuery,
});

const listStageChangesRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List stage changes",
  description:
    "Every change of a lead's stage, newest first, as the lead's object recorded it: the previous stage, the new " +
    "one, when, why, the rule and the deciding event, with a `sequence` that rises by one per change of one lead. " +
    "A visitor's first stage (`anonymous`) is not a change. Changes reach this list through the index queue, a " +
    "moment after the event that made them; none is lost when the collector restarts in between.",
  tags: ["Qualification"],
  ...authenticated(),
  request: { query: stageChangesQuerySchema },
  responses: {
    200: {
      description: "One page of stage changes.",
      content: { "application/json": { schema: stageChangesPageSchema } },
    },
    ...errorResponses(400, 401, 503),
  },
});

/** `GET /v1/stage-changes?stage=mql&site=…&limit=&cursor=`: recorded stage changes, newest first. */
export const stageChangesRoute = newRouter().openapi(listStageChangesRoute, async (c) => {
  const { cursor, ...filters } = c.req.valid("query");
  const page = await listStageChanges(c.env.DB, { ...filters, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) });
  return c.json(pageAnswer(page), 200);
});
