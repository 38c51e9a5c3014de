-- Marketing spend by month, source and campaign (PUT /v1/costs): what the sources report divides
-- by the leads each source brought, for the cost per MQL and per SQL. Campaign '' stands for spend
-- on the source as a whole (the API's null), so the key has no NULL in it.
CREATE TABLE costs (
  month    TEXT NOT NULL,
  source   TEXT NOT NULL,
  campaign TEXT NOT NULL,
  amount   REAL NOT NULL,
  currency TEXT NOT NULL,
  PRIMARY KEY (month, source, campaign)
);
