/** The scoring engine: model, events, which of them count, and `scoreVisitor`. */

export {
  compareEvents,
  SALES_OUTCOMES,
  type SalesFeedbackEvent,
  type SalesOutcome,
  type ScoringEvent,
  salesFeedbackEventSchema,
  salesReasonSchema,
  scoredEvents,
} from "./events.ts";
export {
  defaultModel,
  parseScoringModel,
  type ScoringModel,
  scoringModelJsonSchemaText,
  scoringModelSchema,
} from "./model.ts";
export {
  type EngagementCounts,
  engagementCountsSchema,
  type Qualification,
  type QualificationReason,
  qualificationReasonSchema,
  qualificationSchema,
  type StageChange,
  stageChangeSchema,
} from "./qualification.ts";
export { type Assessment, assessVisitor, nextStageReviewAt, scoreVisitor } from "./score.ts";
export { QUALIFICATION_STAGES, type QualificationStage } from "./stages.ts";
