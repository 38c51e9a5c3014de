-- Report facts on each lead's row: when it was first seen (the reports' cohort is the leads first
-- seen in a period) and, as JSON, when it first reached each stage, its first touch and the pages
-- it viewed (shared/src/scoring/report-facts.ts). Written with the row by the lead's object. Rows
-- written before this migration have none until their lead's next event rewrites them.
ALTER TABLE leads ADD COLUMN first_seen INTEGER;
ALTER TABLE leads ADD COLUMN facts TEXT;
CREATE INDEX leads_by_first_seen ON leads (first_seen) WHERE facts IS NOT NULL;
