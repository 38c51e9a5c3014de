/**
 * The stages a lead and an account go through, and their order down the funnel: the vocabulary
 * that the API's schemas (`qualification.ts`, `accounts.ts`, `api.ts`, `webhooks.ts`), the stage
 * rules (`stages.ts`) and the reports share. A leaf: it imports nothing, so a schema can name the
 * stages without depending on the engine that decides them.
 */

/** A visitor's qualification stage. */
export const QUALIFICATION_STAGES = ["anonymous", "iql", "mql", "sql", "disqualified"] as const;
/** One of {@link QUALIFICATION_STAGES}. */
export type QualificationStage = (typeof QUALIFICATION_STAGES)[number];

/**
 * How far down the funnel each stage is: a lead "reached" a stage when it was at it or a higher
 * one. Disqualified is below everything: its spells reach nothing.
 */
export const STAGE_RANK: Readonly<Record<QualificationStage, number>> = {
  anonymous: 0,
  iql: 1,
  mql: 2,
  sql: 3,
  disqualified: -1,
};

/** The stages a lead can reach, in funnel order (by {@link STAGE_RANK}): what the reports count. */
export const FUNNEL_STAGES = ["iql", "mql", "sql"] as const;
/** One of {@link FUNNEL_STAGES}. */
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** An account's stage, from cold to hot; `disqualified` stands apart. */
export const ACCOUNT_STAGES = ["known", "engaged", "mqa", "sqa", "disqualified"] as const;
/** One of {@link ACCOUNT_STAGES}. */
export type AccountStage = (typeof ACCOUNT_STAGES)[number];
