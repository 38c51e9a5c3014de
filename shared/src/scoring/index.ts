/** The scoring engine: model, events, which of them count, `scoreVisitor`, people and accounts. */

export {
  ACCOUNT_PEOPLE_LIMIT,
  type Account,
  type AccountAssessment,
  type AccountMember,
  type AccountPerson,
  type AccountReason,
  type AccountStageChange,
  type AccountsPage,
  accountMember,
  accountPersonSchema,
  accountReasonSchema,
  accountSchema,
  accountStageChange,
  accountStageChangeSchema,
  accountsPageSchema,
  assessAccount,
} from "./accounts.ts";
export { CHANNELS, type Channel } from "./channels.ts";
export { type ClaimDecision, type ClaimReview, personMembers } from "./claims.ts";
export { accountDomain, isFreeMailDomain, registrableDomain } from "./email-domains.ts";
export { givenEmail, normalizeEmail } from "./emails.ts";
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
  assessPerson,
  type EmailChange,
  emailAt,
  emailTimeline,
  eventsByEmail,
  type PersonOptions,
  personEvents,
} from "./people.ts";
export { PreparedCache } from "./prepared.ts";
export {
  type EngagementCounts,
  engagementCountsSchema,
  type Qualification,
  type QualificationReason,
  qualificationReasonSchema,
  qualificationSchema,
  type StageChange,
  stageChangeSchema,
  type Touch,
  touchSchema,
} from "./qualification.ts";
export { FACT_PAGES_LIMIT, type LeadFacts, leadFacts, type PageFacts } from "./report-facts.ts";
export {
  type Assessment,
  type AssessOptions,
  assessVisitor,
  nextStageReviewAt,
  type Subject,
  scoreVisitor,
} from "./score.ts";
export {
  ACCOUNT_STAGES,
  type AccountStage,
  FUNNEL_STAGES,
  type FunnelStage,
  QUALIFICATION_STAGES,
  type QualificationStage,
  STAGE_RANK,
} from "./stage-names.ts";
export { touchOf } from "./touch.ts";
