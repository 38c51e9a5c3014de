/** The scoring engine: model, events, and `scoreVisitor`. */
export { defaultModel, parseScoringModel, scoringModelJsonSchemaText, scoringModelSchema, type ScoringModel } from "./model.ts";
export {
  compareEvents,
  SALES_OUTCOMES,
  salesFeedbackEventSchema,
  type SalesFeedbackEvent,
  type SalesOutcome,
  type ScoringEvent,
} from "./events.ts";
export type { EngagementCounts } from "./engagement.ts";
export { QUALIFICATION_STAGES, type QualificationStage } from "./stages.ts";
export {
  assessVisitor,
  nextStageReviewAt,
  scoreVisitor,
  type Assessment,
  type Qualification,
  type QualificationReason,
  type StageChange,
} from "./score.ts";
