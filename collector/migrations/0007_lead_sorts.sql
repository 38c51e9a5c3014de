-- GET /v1/leads?sort=engagement|fit lists leads highest score first: an index per order with a
-- stage (a page reads only its rows) and one without, which the default listing (every person)
-- walks, skipping anonymous visitors.
CREATE INDEX leads_by_stage_engagement ON leads (stage, engagement DESC, lead_id DESC);
CREATE INDEX leads_by_stage_fit ON leads (stage, fit DESC, lead_id DESC);
CREATE INDEX leads_by_engagement ON leads (engagement DESC, lead_id DESC);
CREATE INDEX leads_by_fit ON leads (fit DESC, lead_id DESC);
