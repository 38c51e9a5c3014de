/** The scoring engine: model, events, and `scoreVisitor`. */

export type { EngagementCounts } from "./engagement.ts";
export {
  compareEvents,
  SALES_OUTCOMES,
  type SalesFeedbackEvent,
  type SalesOutcome,
  type ScoringEvent,
  salesFeedbackEventSchema,
} from "./events.ts";
export {
  defaultModel,
  parseScoringModel,
  type ScoringModel,
  scoringModelJsonSchemaText,
  scoringModelSchema,
} from "./model.ts";
export {
  type Assessment,
  assessVisitor,
  nextStageReviewAt,
  type Qualification,
  type QualificationReason,
  type StageChange,
  scoreVisitor,
} from "./score.ts";
export { QUALIFICATION_STAGES, type QualificationStage } from "./stages.ts";
