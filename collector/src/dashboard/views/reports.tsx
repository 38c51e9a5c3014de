import { type Context, Hono } from "hono";
import type { Schema } from "../../../client/index.ts";
import type { DashboardEnv } from "../api.ts";
import { doneHref, flash } from "../flash.ts";
import { money, percent, plural } from "../format.ts";
import { DataTable, href, Notice, Page } from "../layout.tsx";
import { refusalPage, refusedBy } from "../refusal.tsx";
import { PeriodFilters, type PeriodQuery, periodOf } from "./period.tsx";

/** Spend of a month, source and campaign: what `PUT /v1/costs` takes, as a form. */
function SpendForm(props: { month: string }) {
  return (
    <form method="post" action={href("/costs")} class="filters" aria-label="Record spend">
      <label>
        Month
        <input type="month" name="month" value={props.month} required />
      </label>
      <label>
        Source
        <input type="text" name="source" required placeholder="linkedin" />
      </label>
      <label>
        Campaign
        <input type="text" name="campaign" placeholder="the whole source" />
      </label>
      <label>
        Amount
        <input type="number" name="amount" min="0" step="0.01" required />
      </label>
      <label>
        Currency
        <input type="text" name="currency" required value="EUR" pattern="[A-Za-z]{3}" />
      </label>
      <button type="submit">Save spend</button>
    </form>
  );
}

/**
 * The pages the period's leads read and what they did for MQLs and SQLs, where the leads came
 * from with what each source cost, and the spend behind it, editable.
 */
export function ReportsView(props: {
  content: Schema<"ContentReport">;
  sources: Schema<"SourcesReport">;
  costs: Schema<"Costs">;
  query: PeriodQuery;
  message?: string;
}) {
  const { content, sources, costs } = props;
  return (
    <Page title="Content & sources" active="reports">
      {props.message && <Notice>{props.message}</Notice>}
      <PeriodFilters action={href("/reports")} query={{ from: sources.from, to: sources.to, ...props.query }} />
      <section>
        <h2>
          Sources of the leads first seen from {sources.from} to {sources.to}
        </h2>
        <DataTable
          columns={[
            "Channel",
            "Source",
            "Campaign",
            { num: "Visitors" },
            { num: "MQL" },
            { num: "SQL" },
            { num: "MQL rate" },
            { num: "Spend" },
            { num: "Cost per MQL" },
            { num: "Cost per SQL" },
          ]}
        >
          {sources.items.map((item) => (
            <tr>
              <td>{item.channel}</td>
              <td>{item.source ?? "–"}</td>
              <td>{item.campaign ?? "–"}</td>
              <td class="num">{item.visitors}</td>
              <td class="num">{item.reached.mql}</td>
              <td class="num">{item.reached.sql}</td>
              <td class="num">{percent(item.conversionRate.mql)}</td>
              <td class="num">{money(item.cost, item.currency)}</td>
              <td class="num">{money(item.costPerMql, item.currency)}</td>
              <td class="num">{money(item.costPerSql, item.currency)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section>
        <h2>Content</h2>
        <p class="muted">
          {plural(content.itemsTotal, "page")} viewed; {plural(content.qualified.mql, "lead")} reached MQL and{" "}
          {content.qualified.sql} SQL.
        </p>
        <DataTable
          columns={[
            "Page",
            "Stage",
            { num: "Views" },
            { num: "Visitors" },
            { num: "Influenced MQL" },
            { num: "Influenced SQL" },
            { num: "MQL rate" },
            { num: "SQL credit (linear)" },
          ]}
        >
          {content.items.map((item) => (
            <tr>
              <td>
                {item.title ?? item.path}
                <div class="muted">{item.path}</div>
              </td>
              <td>{item.stage ?? "–"}</td>
              <td class="num">{item.views}</td>
              <td class="num">{item.visitors}</td>
              <td class="num">{item.influenced.mql}</td>
              <td class="num">{item.influenced.sql}</td>
              <td class="num">{percent(item.conversionRate.mql)}</td>
              <td class="num">{item.attributed.sql.linear.toFixed(2)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section>
        <h2>Spend</h2>
        <SpendForm month={sources.to.slice(0, 7)} />
        <DataTable columns={["Month", "Source", "Campaign", { num: "Amount" }]}>
          {costs.items.length === 0 && (
            <tr>
              <td colspan={4} class="muted">
                No spend recorded for these months.
              </td>
            </tr>
          )}
          {costs.items.map((item) => (
            <tr>
              <td>{item.month}</td>
              <td>{item.source}</td>
              <td>{item.campaign ?? "the whole source"}</td>
              <td class="num">{money(item.amount, item.currency)}</td>
            </tr>
          ))}
        </DataTable>
        <p class="muted">An amount of 0 removes the month's spend on that source and campaign.</p>
      </section>
    </Page>
  );
}

/**
 * The spend line the form posted, as `PUT /v1/costs` takes it; the API checks every value. An
 * empty campaign is spend on the source as a whole (null).
 */
async function spendOf(c: Context): Promise<Schema<"CostItem">> {
  const form = await c.req.parseBody();
  const text = (name: string) => {
    const value = form[name];
    return typeof value === "string" ? value.trim() : "";
  };
  const amount = text("amount");
  return {
    month: text("month"),
    source: text("source"),
    campaign: text("campaign") || null,
    // Blank is no amount, which the API refuses: `Number("")` is 0, which would remove the line.
    amount: amount === "" ? Number.NaN : Number(amount),
    currency: text("currency").toUpperCase(),
  };
}

/**
 * `GET /dashboard/reports`, the content and sources reports of a period with the spend of its
 * months; `POST /dashboard/costs`, a spend line saved through `PUT /v1/costs`.
 */
export const reportsRoutes = new Hono<DashboardEnv>()
  .get("/reports", async (c) => {
    const query = periodOf(c);
    const [content, sources] = await Promise.all([
      c.var.api.GET("/v1/reports/content", { params: { query: { ...query, limit: 50 } } }),
      c.var.api.GET("/v1/reports/sources", { params: { query: { ...query, groupBy: "campaign" } } }),
    ]);
    if (content.data === undefined) return refusalPage(c, refusedBy(content), "Content & sources", "reports");
    if (sources.data === undefined) return refusalPage(c, refusedBy(sources), "Content & sources", "reports");
    // The spend of the months the reports cover, as the API settled the period.
    const months = { from: sources.data.from.slice(0, 7), to: sources.data.to.slice(0, 7) };
    const costs = await c.var.api.GET("/v1/costs", { params: { query: months } });
    if (costs.data === undefined) return refusalPage(c, refusedBy(costs), "Content & sources", "reports");
    return c.html(
      <ReportsView content={content.data} sources={sources.data} costs={costs.data} query={query} message={flash(c)} />,
    );
  })
  .post("/costs", async (c) => {
    const answer = await c.var.api.PUT("/v1/costs", { body: { items: [await spendOf(c)] } });
    if (answer.data === undefined) return refusalPage(c, refusedBy(answer), "Spend", "reports");
    return c.redirect(doneHref("/reports", "spend"), 303);
  });
