/**
 * The dashboard's one stylesheet, served from the Worker (`/dashboard/style.css`): the page's
 * Content-Security-Policy allows styles from the collector alone, never inline ones.
 */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --accent: #1f5fd1;
  --bg: #f6f7fa; --card: #fff; --anonymous: #8a93a6; --iql: #3a86c8; --mql: #d99a1c; --sql: #1f9d55;
  --disqualified: #b3261e; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); line-height: 1.45; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f2b705; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
header { background: var(--ink); color: #fff; }
nav { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1rem; max-width: 1240px; margin: 0 auto; padding: .6rem 1rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; flex: 1; }
nav a { color: #dfe6f5; text-decoration: none; }
nav a[aria-current="page"] { color: #fff; font-weight: 600; text-decoration: underline; }
.brand { margin-right: 1rem; }
nav form { margin: 0; }
main { max-width: 1240px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
section > h2:first-child, .card > h2:first-child { margin-top: 0; }
section, .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-bottom: 1rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; }
label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .2rem; }
input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--ink); }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--disqualified); border-color: var(--disqualified); }
button.link { background: none; border: none; color: #dfe6f5; padding: 0; text-decoration: underline; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
.actions form { margin: 0; }
.stage { white-space: nowrap; display: inline-block; padding: .05rem .5rem; border-radius: 999px; color: #fff; font-size: .8rem; font-weight: 600; background: var(--anonymous); }
.stage-iql { background: var(--iql); } .stage-mql { background: var(--mql); } .stage-sql, .stage-sqa { background: var(--sql); }
.stage-disqualified { background: var(--disqualified); } .stage-mqa, .stage-engaged { background: var(--mql); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 1rem; }
.metric { font-size: 1.6rem; font-weight: 650; }
.muted { color: var(--muted); }
.notice { padding: .6rem .8rem; border-radius: 6px; background: #e8f0fe; }
.notice.error { background: #fde8e7; color: #7a1c15; }
pre { overflow-x: auto; background: #f0f2f6; padding: .75rem; border-radius: 6px; font-size: .82rem; }
svg.chart { width: 100%; height: auto; max-width: 760px; }
svg.chart text { font-size: 16px; fill: var(--ink); }
svg.chart .bar-anonymous { fill: var(--anonymous); } svg.chart .bar-iql { fill: var(--iql); }
svg.chart .bar-mql { fill: var(--mql); } svg.chart .bar-sql { fill: var(--sql); }
.sign-in { max-width: 420px; margin: 10vh auto; }
.sign-in form { display: flex; flex-direction: column; gap: .75rem; }
details summary { cursor: pointer; color: var(--accent); }
@media (max-width: 640px) { main { padding: .6rem; } h1 { font-size: 1.25rem; } th, td { padding: .3rem; }
  nav { gap: .25rem .75rem; justify-content: space-between; } .brand { margin-right: 0; }
  nav ul { order: 3; flex-basis: 100%; gap: .25rem .9rem; } }
`;
