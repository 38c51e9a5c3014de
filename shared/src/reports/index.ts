/** The reports: funnel, content and sources, as pure functions of a cohort's lead facts. */
export { type CohortLead, cohortOf, daySchema, periodOf, type ReportScope } from "./cohort.ts";
export { CONTENT_LIMIT, type ContentReport, contentReport, contentReportSchema } from "./content.ts";
export { type FunnelReport, funnelReport, funnelReportSchema } from "./funnel.ts";
export {
  SOURCE_GROUPINGS,
  type SourceGrouping,
  type SourcesReport,
  sourcesReport,
  sourcesReportSchema,
} from "./sources.ts";
