import type { Context } from "hono";

/** The period and site a report covers, as the views' filters take them (API defaults when empty). */
export interface PeriodQuery {
  from?: string;
  to?: string;
  site?: string;
}

/** The period a report view was asked for: the values set in its query, the API's defaults for the rest. */
export function periodOf(c: Context): PeriodQuery {
  const { from, to, site } = c.req.query();
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(site ? { site } : {}) };
}

/** The filters of a report view: a GET form, so a period can be bookmarked and shared. */
export function PeriodFilters(props: { action: string; query: PeriodQuery }) {
  return (
    <form class="filters" method="get" action={props.action}>
      <label>
        From
        <input type="date" name="from" value={props.query.from ?? ""} />
      </label>
      <label>
        To
        <input type="date" name="to" value={props.query.to ?? ""} />
      </label>
      <label>
        Site
        <input type="text" name="site" value={props.query.site ?? ""} placeholder="every site" />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}
