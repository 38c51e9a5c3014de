/** How the dashboard writes numbers and times: the same everywhere, whatever the browser's locale. */

/** A score or points, to one decimal. */
export function points(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** A rate as a percentage, or a dash when there is none. */
export function percent(value: number | null): string {
  return value === null ? "–" : `${(value * 100).toFixed(1)} %`;
}

/** An amount of money with its currency, or a dash. */
export function money(value: number | null, currency: string | null): string {
  return value === null ? "–" : `${value.toFixed(2)} ${currency ?? ""}`.trim();
}

/** An ISO time (or ms since the epoch) as `2026-12-03 16:47 UTC`. */
export function when(value: string | number): string {
  return `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `1 lead`, `2 leads`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
