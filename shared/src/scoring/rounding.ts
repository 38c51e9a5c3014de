/** How answers round their figures. */

/**
 * `n` rounded to 0.1, as answers show points, engagement and fit. A small negative amount rounds
 * to 0, never -0, which `Object.is` and deep equality tell apart from 0.
 */
export const round1 = (n: number): number => Math.round(n * 10) / 10 + 0;
