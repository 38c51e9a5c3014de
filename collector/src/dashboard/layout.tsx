import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { when } from "./format.ts";
import { DASHBOARD_PATH } from "./session.ts";

/** The views the navigation lists, in its order. */
const VIEWS = [
  ["funnel", "Funnel", ""],
  ["leads", "Leads", "/leads"],
  ["accounts", "Accounts", "/accounts"],
  ["reports", "Content & sources", "/reports"],
  ["webhooks", "Webhooks", "/webhooks"],
  ["model", "Scoring model", "/model"],
] as const;

export type ViewName = (typeof VIEWS)[number][0];

/** A dashboard path, e.g. `href("/leads")`. */
export function href(path = ""): string {
  return `${DASHBOARD_PATH}${path}`;
}

/**
 * Every dashboard page: the navigation, a skip link for keyboards, and the view. Text is escaped
 * by JSX wherever it is put, so what a browser sent (titles, traits, reasons) is always shown as
 * text; the page runs no script at all.
 */
export function Page(props: { title: string; active?: ViewName; children: Child }) {
  return (
    <>
      {/* Standards mode: without it, browsers lay the page out in quirks mode. */}
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${props.title} · Embudo`}</title>
          <link rel="stylesheet" href={href("/style.css")} />
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          {props.active !== undefined && (
            <header>
              <nav aria-label="Views">
                <strong class="brand">Embudo</strong>
                <ul>
                  {VIEWS.map(([name, label, path]) => (
                    <li>
                      <a href={href(path)} aria-current={name === props.active ? "page" : undefined}>
                        {label}
                      </a>
                    </li>
                  ))}
                </ul>
                <form method="post" action={href("/sign-out")}>
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </form>
              </nav>
            </header>
          )}
          <main id="main">
            <h1>{props.title}</h1>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

/** A message of the API (an error it answered) shown in a view. */
export function Notice(props: { tone?: "error" | "info"; children: Child }) {
  return (
    <p class={`notice ${props.tone ?? "info"}`} role={props.tone === "error" ? "alert" : "status"}>
      {props.children}
    </p>
  );
}

/** A stage as a badge, its class named after it. */
export function StageBadge(props: { stage: string }) {
  return <span class={`stage stage-${props.stage}`}>{props.stage}</span>;
}

/** A stage filter: "every …" first, then `stages`, the one asked for selected. */
export function StageSelect(props: { stages: readonly string[]; selected?: string | undefined; every: string }) {
  return (
    <label>
      Stage
      <select name="stage">
        <option value="">{props.every}</option>
        {props.stages.map((stage) => (
          <option value={stage} selected={stage === props.selected}>
            {stage}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A lead's or an account's changes of stage, newest first, each with why and the rule. */
export function StageHistoryTable(props: {
  changes: ReadonlyArray<{ stage: string; at: string; reason: string; rule: string }>;
}) {
  return (
    <DataTable columns={["When", "Stage", "Why", "Rule"]}>
      {[...props.changes].reverse().map((change) => (
        <tr>
          <td>{when(change.at)}</td>
          <td>
            <StageBadge stage={change.stage} />
          </td>
          <td>{change.reason}</td>
          <td>{change.rule}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** A column of a {@link DataTable}: its heading, or `{ num }` for a right-aligned number. */
export type Column = string | { num: string };

/** A table that scrolls sideways on a narrow screen: headings, then the rows given as children. */
export function DataTable(props: { columns: readonly Column[]; children: Child }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.columns.map((column) =>
              typeof column === "string" ? <th>{column}</th> : <th class="num">{column.num}</th>,
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
