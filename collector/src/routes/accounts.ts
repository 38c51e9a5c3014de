import { ACCOUNT_STAGES, accountSchema, accountsPageSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { accountStub } from "../objects/object-naming.ts";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { decodeCursor, pageAnswer, pageQuery } from "../params/page-cursor.ts";
import { isAccountIndexed, listAccounts } from "../storage/accounts-index.ts";

const accountParams = z.object({
  domain: z
    .string()
    .min(3)
    .max(253)
    .toLowerCase()
    .regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, "must be a domain such as globex.com")
    .describe("The account's domain: the registrable domain of its people's emails, e.g. globex.co.uk."),
});

/** Query of `GET /v1/accounts`; unknown parameters are refused. */
export const accountsQuerySchema = z.strictObject({
  stage: z.enum(ACCOUNT_STAGES).optional().describe("Only accounts at this stage."),
  ...pageQuery,
});

function notFound(domain: string): ApiError {
  return new ApiError(404, "account_not_found", `no account ${domain}: nobody with an email at it has been seen`);
}

const getAccountRoute = createRoute({
  method: "get",
  path: "/{domain}",
  summary: "An account's qualification",
  description:
    "A company's people scored as a buying committee: stage, engagement (each person's capped at the model's " +
    "memberCap), the highest fit, breadth, its people, what each adds (reasons) and every stage change. People " +
    "whose email's registrable domain is not free mail belong to that domain's account.",
  tags: ["Accounts"],
  ...authenticated(),
  request: { params: accountParams },
  responses: {
    200: {
      description: "The account, assessed now.",
      content: { "application/json": { schema: accountSchema } },
    },
    ...errorResponses(400, 401, 404, 503),
  },
});

const listAccountsRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List accounts",
  description: `Accounts newest change first, from the accounts index; each with its latest stage changes.`,
  tags: ["Accounts"],
  ...authenticated(),
  request: { query: accountsQuerySchema },
  responses: {
    200: { description: "One page of accounts.", content: { "application/json": { schema: accountsPageSchema } } },
    ...errorResponses(400, 401, 503),
  },
});

/**
 * `GET /v1/accounts/:domain`: one account, assessed now.
 * `GET /v1/accounts?stage=mqa&limit=50&cursor=…`: accounts newest change first, from the D1 index.
 */
export const accountsRoute = newRouter()
  .openapi(getAccountRoute, async (c) => {
    const { domain } = c.req.valid("param");
    if (!(await isAccountIndexed(c.env.DB, domain))) throw notFound(domain);
    const account = await accountStub(c.env.ACCOUNTS, domain).account();
    if (!account) throw notFound(domain);
    return c.json(account, 200);
  })
  .openapi(listAccountsRoute, async (c) => {
    const { cursor, ...filters } = c.req.valid("query");
    const page = await listAccounts(c.env.DB, { ...filters, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) });
    return c.json(pageAnswer(page), 200);
  });
