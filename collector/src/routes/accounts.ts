import { ACCOUNT_STAGES, accountSchema, accountsPageSchema } from "@embudo/shared";
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { ApiError } from "../errors.ts";
import { accountStub } from "../objects/object-naming.ts";
import { authenticated, errorResponses, newRouter } from "../openapi.ts";
import { decodeCursor, pageAnswer, pageQuery } from "../params/page-cursor.ts";
import { isAccountIndexed, listAccounts, spacesOfDomain } from "../storage/accounts-index.ts";

const accountParams = z.object({
  domain: z
    .string()
    .min(3)
    .max(253)
    .toLowerCase()
    .regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/, "must be a domain such as globex.com")
    .describe("The account's domain: the registrable domain of its people's emails, e.g. globex.co.uk."),
});

/** A people space, as `EMBUDO_SITES` makes them: a site's group, or its key; empty for the one from before spaces. */
const spaceQuery = z
  .string()
  .max(64)
  .describe(
    "A people space: a group of sites (`group` in EMBUDO_SITES), or a site key for a site in no group. Empty " +
      "(`space=`) for accounts from before spaces.",
  );

const accountQuery = z.strictObject({
  space: spaceQuery
    .optional()
    .describe(
      "The account's people space. Needed only when people at the domain were seen in more than one space: " +
        "each is an account of its own.",
    ),
});

/** Query of `GET /v1/accounts`; unknown parameters are refused. */
export const accountsQuerySchema = z.strictObject({
  stage: z.enum(ACCOUNT_STAGES).optional().describe("Only accounts at this stage."),
  space: spaceQuery.optional().describe("Only accounts of this people space."),
  ...pageQuery,
});

function notFound(domain: string, space?: string): ApiError {
  const where = space === undefined ? "" : ` in space ${space}`;
  return new ApiError(
    404,
    "account_not_found",
    `no account ${domain}${where}: nobody with an email at it has been seen`,
  );
}

/**
 * The space of the account of `domain` a read means: the one asked for, or the only one the
 * index has. Several without one asked for is the caller's to settle, never a guess.
 */
async function accountSpace(db: D1Database, domain: string, asked: string | undefined): Promise<string> {
  if (asked !== undefined) {
    if (!(await isAccountIndexed(db, { space: asked, domain }))) throw notFound(domain, asked);
    return asked;
  }
  const spaces = await spacesOfDomain(db, domain);
  if (spaces.length === 0) throw notFound(domain);
  if (spaces.length > 1) {
    throw new ApiError(
      409,
      "space_required",
      `${domain} is an account in ${spaces.length} people spaces (${spaces.join(", ")}): say which with ?space=`,
    );
  }
  return spaces[0]!;
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
  request: { params: accountParams, query: accountQuery },
  responses: {
    200: {
      description: "The account, assessed now.",
      content: { "application/json": { schema: accountSchema } },
    },
    ...errorResponses(400, 401, 404, 409, 503),
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
 * `GET /v1/accounts/:domain?space=…`: one account, assessed now.
 * `GET /v1/accounts?stage=mqa&limit=50&cursor=…`: accounts newest change first, from the D1 index.
 */
export const accountsRoute = newRouter()
  .openapi(getAccountRoute, async (c) => {
    const { domain } = c.req.valid("param");
    const space = await accountSpace(c.env.DB, domain, c.req.valid("query").space);
    const account = await accountStub(c.env.ACCOUNTS, { space, domain }).account();
    if (!account) throw notFound(domain, space);
    return c.json(account, 200);
  })
  .openapi(listAccountsRoute, async (c) => {
    const { cursor, ...filters } = c.req.valid("query");
    const page = await listAccounts(c.env.DB, { ...filters, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) });
    return c.json(pageAnswer(page), 200);
  });
