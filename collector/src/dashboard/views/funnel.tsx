import { Hono } from "hono";
import type { Schema } from "../../../client/index.ts";
import type { DashboardEnv } from "../api.ts";
import { percent } from "../format.ts";
import { DataTable, href, Page } from "../layout.tsx";
import { refusalPage, refusedBy } from "../refusal.tsx";
import { PeriodFilters, type PeriodQuery, periodOf } from "./period.tsx";

type FunnelReport = Schema<"FunnelReport">;

/** Horizontal bars, one per stage, drawn as plain SVG: no script, nothing to load. */
function FunnelChart(props: { report: FunnelReport }) {
  const { stages } = props.report;
  const widest = Math.max(1, ...stages.map((step) => step.reached));
  const row = 40;
  const label = 120;
  const width = 400;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width + label + 60} ${stages.length * row}`}
      role="img"
      aria-label={`Funnel: ${stages.map((step) => `${step.reached} ${step.stage}`).join(", ")}`}
    >
      {stages.map((step, i) => {
        const barWidth = Math.max(2, (step.reached / widest) * width);
        return (
          <g>
            <text x="0" y={i * row + 26}>
              {step.stage}
            </text>
            <rect class={`bar-${step.stage}`} x={label} y={i * row + 8} width={barWidth} height={row - 14} rx="4" />
            <text x={label + barWidth + 8} y={i * row + 26}>
              {step.reached}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The funnel of the leads first seen in a period: chart, conversion rates and time between stages. */
export function FunnelView(props: { report: FunnelReport; query: PeriodQuery }) {
  const { report } = props;
  return (
    <Page title="Funnel" active="funnel">
      <PeriodFilters action={href("")} query={{ from: report.from, to: report.to, ...props.query }} />
      <section>
        <h2>
          Leads first seen from {report.from} to {report.to}
          {report.site ? ` on ${report.site}` : ""}
        </h2>
        <FunnelChart report={report} />
        <DataTable
          columns={[
            "Stage",
            { num: "Reached" },
            { num: "From the stage before" },
            { num: "From the start" },
            { num: "Median days from the stage before" },
          ]}
        >
          {report.stages.map((step) => (
            <tr>
              <td>{step.stage}</td>
              <td class="num">{step.reached}</td>
              <td class="num">{"conversionFromPrevious" in step ? percent(step.conversionFromPrevious) : "–"}</td>
              <td class="num">{"conversionFromStart" in step ? percent(step.conversionFromStart) : "–"}</td>
              <td class="num">
                {"medianDaysFromPrevious" in step && step.medianDaysFromPrevious !== null
                  ? step.medianDaysFromPrevious.toFixed(1)
                  : "–"}
              </td>
            </tr>
          ))}
        </DataTable>
        <p class="muted">
          Disqualified: {report.disqualified} · sent back by sales (recycled): {report.recycled}
        </p>
      </section>
    </Page>
  );
}

/** `GET /dashboard`: the funnel of the period asked for, from `GET /v1/reports/funnel`. */
export const funnelRoutes = new Hono<DashboardEnv>().get("/", async (c) => {
  const query = periodOf(c);
  const report = await c.var.api.GET("/v1/reports/funnel", { params: { query } });
  if (report.data === undefined) return refusalPage(c, refusedBy(report), "Funnel", "funnel");
  return c.html(<FunnelView report={report.data} query={query} />);
});
