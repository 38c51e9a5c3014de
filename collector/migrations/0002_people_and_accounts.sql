-- People and accounts. The leads index gets one row per lead: a person (every visitor that gave
-- one email, keyed "person:<email>") or a visitor that gave none ("visitor:<id>"). Rows of the
-- first schema were all visitors; a visitor that had identified moves to its person when it
-- next sends an event.
CREATE TABLE leads_by_lead (
  lead_id       TEXT PRIMARY KEY,
  -- The lead's primary visitor: the first that gave the email, or the visitor itself.
  visitor_id    TEXT NOT NULL,
  site          TEXT NOT NULL,
  stage         TEXT NOT NULL,
  engagement    REAL NOT NULL,
  fit           REAL NOT NULL,
  email         TEXT,
  changed_at    INTEGER NOT NULL,
  qualification TEXT NOT NULL
);
INSERT INTO leads_by_lead
  SELECT 'visitor:' || visitor_id, visitor_id, site, stage, engagement, fit, email, changed_at, qualification FROM leads;

-- Which lead answers for a visitor: its person (the one of its latest email) or itself.
-- GET /v1/visitors/:id reads it first, so an unknown id never reaches a Durable Object.
CREATE TABLE lead_visitors (
  visitor_id TEXT PRIMARY KEY,
  lead_id    TEXT NOT NULL
);
INSERT INTO lead_visitors SELECT visitor_id, 'visitor:' || visitor_id FROM leads;

DROP TABLE leads;
ALTER TABLE leads_by_lead RENAME TO leads;
CREATE INDEX leads_by_change ON leads (changed_at DESC, lead_id DESC);
CREATE INDEX leads_by_stage ON leads (stage, changed_at DESC, lead_id DESC);
CREATE INDEX leads_by_email ON leads (email) WHERE email IS NOT NULL;

-- The accounts index: one row per business-email domain, written by the account's Durable
-- Object, read by GET /v1/accounts?stage=.
CREATE TABLE accounts (
  domain     TEXT PRIMARY KEY,
  stage      TEXT NOT NULL,
  engagement REAL NOT NULL,
  fit        REAL NOT NULL,
  changed_at INTEGER NOT NULL,
  -- The account as the listing serves it (JSON).
  account    TEXT NOT NULL
);
CREATE INDEX accounts_by_change ON accounts (changed_at DESC, domain DESC);
CREATE INDEX accounts_by_stage ON accounts (stage, changed_at DESC, domain DESC);
