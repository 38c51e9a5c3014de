import { QUALIFICATION_STAGES } from "@embudo/shared";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Schema } from "../../../client/index.ts";
import type { DashboardEnv } from "../api.ts";
import { points, when } from "../format.ts";
import { DataTable, href, Page, StageBadge, StageSelect } from "../layout.tsx";
import { invalidInput, refusalPage, refusedBy } from "../refusal.tsx";

/** What the leads view was asked for. */
interface LeadsQuery {
  stage?: string;
  email?: string;
  sort?: "changed" | "engagement" | "fit";
  cursor?: string;
}

const SORTS = [
  ["changed", "Last change"],
  ["engagement", "Engagement"],
  ["fit", "Fit"],
] as const;

/** The link to the same view with other values. */
function leadsHref(query: LeadsQuery): string {
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
  const text = params.toString();
  return href(`/leads${text ? `?${text}` : ""}`);
}

/** One lead's row. */
function LeadRow(props: { lead: Schema<"Qualification"> }) {
  const { lead } = props;
  const { identity } = lead;
  return (
    <tr>
      <td>
        <a href={href(`/leads/${lead.visitorId}`)}>{identity.email ?? `visitor ${lead.visitorId}`}</a>
        {identity.name && <div class="muted">{identity.name}</div>}
      </td>
      <td>
        <StageBadge stage={lead.stage} />
      </td>
      <td class="num">{points(lead.score.engagement)}</td>
      <td class="num">{points(lead.score.fit)}</td>
      <td>{identity.company ?? ""}</td>
      <td>{identity.jobTitle ?? ""}</td>
      <td>{when(lead.stageHistory.at(-1)?.at ?? lead.lastSeen)}</td>
    </tr>
  );
}

/** Leads by stage, newest change or highest score first as the API lists them, with search by email. */
export function LeadsView(props: { page: Schema<"LeadsPage">; query: LeadsQuery }) {
  const { page, query } = props;
  const sort = query.sort ?? "changed";
  const items = page.items;
  return (
    <Page title="Leads" active="leads">
      <form class="filters" method="get" action={href("/leads")}>
        <StageSelect stages={QUALIFICATION_STAGES} selected={query.stage} every="every person" />
        <label>
          Email
          <input type="email" name="email" value={query.email ?? ""} placeholder="ana@globex.com" />
        </label>
        <label>
          Sort by
          <select name="sort">
            {SORTS.map(([value, label]) => (
              <option value={value} selected={value === sort}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      <section>
        {items.length === 0 ? (
          <p class="muted">No lead matches.</p>
        ) : (
          <DataTable
            columns={[
              "Lead",
              "Stage",
              { num: "Engagement" },
              { num: "Fit" },
              "Company",
              "Job title",
              "Last stage change",
            ]}
          >
            {items.map((lead) => (
              <LeadRow lead={lead} />
            ))}
          </DataTable>
        )}
        {page.nextCursor && <a href={leadsHref({ ...query, cursor: page.nextCursor })}>Next page</a>}
      </section>
    </Page>
  );
}

/** What the leads view was asked for: the values set in its query, and a sort only when the API has it. */
function leadsQueryOf(c: Context): LeadsQuery {
  const { stage, email, sort, cursor } = c.req.query();
  return {
    ...(stage ? { stage } : {}),
    ...(email ? { email } : {}),
    ...(sort === "engagement" || sort === "fit" ? { sort } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/**
 * The stage filter, checked with the API's own list: the typed client takes only the API's
 * stages, and any other is refused in the words the API would use.
 */
const stageFilter = z.object({ stage: z.enum(QUALIFICATION_STAGES).optional() });

/** `GET /dashboard/leads`: a page of `GET /v1/leads`, by stage, email and sort. */
export const leadsRoutes = new Hono<DashboardEnv>().get("/leads", async (c) => {
  const query = leadsQueryOf(c);
  const filter = stageFilter.safeParse({ stage: query.stage });
  if (!filter.success) return refusalPage(c, invalidInput(filter.error), "Leads", "leads");
  const page = await c.var.api.GET("/v1/leads", {
    params: { query: { ...query, stage: filter.data.stage, limit: 100 } },
  });
  if (page.data === undefined) return refusalPage(c, refusedBy(page), "Leads", "leads");
  return c.html(<LeadsView page={page.data} query={query} />);
});
