import { ACCOUNT_STAGES } from "@embudo/shared";
import { Hono } from "hono";
import { z } from "zod";
import type { Schema } from "../../../client/index.ts";
import type { DashboardEnv } from "../api.ts";
import { points, when } from "../format.ts";
import { DataTable, href, Page, StageBadge, StageHistoryTable, StageSelect } from "../layout.tsx";
import { invalidInput, refusalPage, refusedBy } from "../refusal.tsx";

/** An account's page: its domain in its people space, so one domain in two spaces is two pages. */
function accountHref(account: { domain: string; space: string }): string {
  return href(`/accounts/${encodeURIComponent(account.domain)}?${new URLSearchParams({ space: account.space })}`);
}

/** Accounts newest change first, by stage. */
export function AccountsView(props: { page: Schema<"AccountsPage">; stage?: string | undefined }) {
  const { page } = props;
  return (
    <Page title="Accounts" active="accounts">
      <form class="filters" method="get" action={href("/accounts")}>
        <StageSelect stages={ACCOUNT_STAGES} selected={props.stage} every="every stage" />
        <button type="submit">Show</button>
      </form>
      <section>
        {page.items.length === 0 ? (
          <p class="muted">No account matches.</p>
        ) : (
          <DataTable
            columns={[
              "Account",
              "Space",
              "Stage",
              { num: "Engagement" },
              { num: "Fit" },
              { num: "People" },
              { num: "MQL+" },
              "Last seen",
            ]}
          >
            {page.items.map((account) => (
              <tr>
                <td>
                  <a href={accountHref(account)}>{account.domain}</a>
                  {account.company && <div class="muted">{account.company}</div>}
                </td>
                <td>{account.space}</td>
                <td>
                  <StageBadge stage={account.stage} />
                </td>
                <td class="num">{points(account.engagement)}</td>
                <td class="num">{points(account.fit)}</td>
                <td class="num">{account.breadth.people}</td>
                <td class="num">{account.breadth.mql}</td>
                <td>{when(account.lastSeen)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <p class="muted">An account hears from its people within seconds of their changes.</p>
        {page.nextCursor && (
          <a
            href={href(
              `/accounts?${new URLSearchParams({ ...(props.stage ? { stage: props.stage } : {}), cursor: page.nextCursor })}`,
            )}
          >
            Next page
          </a>
        )}
      </section>
    </Page>
  );
}

/** One account: its people, what each adds, and its stage history. */
export function AccountView(props: { account: Schema<"Account"> }) {
  const { account } = props;
  return (
    <Page title={account.company ?? account.domain} active="accounts">
      <section>
        <p>
          <StageBadge stage={account.stage} /> {account.domain}
          {account.space && ` in ${account.space}`} · engagement {points(account.engagement)} · fit{" "}
          {points(account.fit)} · {account.breadth.people} people
        </p>
      </section>
      <section>
        <h2>People</h2>
        <DataTable columns={["Person", "Stage", { num: "Engagement" }, { num: "Fit" }, "Job title"]}>
          {account.people.map((person) => (
            <tr>
              <td>
                <a href={href(`/leads/${person.visitorId}`)}>{person.email}</a>
              </td>
              <td>
                <StageBadge stage={person.stage} />
              </td>
              <td class="num">{points(person.engagement)}</td>
              <td class="num">{points(person.fit)}</td>
              <td>{person.jobTitle ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section>
        <h2>Stage history</h2>
        <StageHistoryTable changes={account.stageHistory} />
      </section>
    </Page>
  );
}

/**
 * The stage filter, checked with the API's own list: the typed client takes only the API's
 * stages, and any other is refused in the words the API would use.
 */
const stageFilter = z.object({ stage: z.enum(ACCOUNT_STAGES).optional() });

/** `GET /dashboard/accounts`, a page of `GET /v1/accounts` by stage; `GET …/:domain`, one account. */
export const accountsRoutes = new Hono<DashboardEnv>()
  .get("/accounts", async (c) => {
    const filter = stageFilter.safeParse({ stage: c.req.query("stage") || undefined });
    if (!filter.success) return refusalPage(c, invalidInput(filter.error), "Accounts", "accounts");
    const { stage } = filter.data;
    const cursor = c.req.query("cursor") || undefined;
    const page = await c.var.api.GET("/v1/accounts", { params: { query: { stage, cursor, limit: 100 } } });
    if (page.data === undefined) return refusalPage(c, refusedBy(page), "Accounts", "accounts");
    return c.html(<AccountsView page={page.data} stage={stage} />);
  })
  .get("/accounts/:domain", async (c) => {
    // `space=` (empty) is the space from before spaces: only a missing one is left to the API.
    const space = c.req.query("space");
    const account = await c.var.api.GET("/v1/accounts/{domain}", {
      params: { path: { domain: c.req.param("domain") }, query: { space } },
    });
    if (account.data === undefined) return refusalPage(c, refusedBy(account), "Account", "accounts");
    return c.html(<AccountView account={account.data} />);
  });
