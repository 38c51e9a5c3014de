-- The leads index: one row per visitor, written by the visitor's Durable Object whenever its
-- stage or score changes. The Durable Object stays the source of truth; this table exists so
-- marketing ops can list leads by stage, newest change first, and find one by email.
CREATE TABLE leads (
  visitor_id    TEXT PRIMARY KEY,
  site          TEXT NOT NULL,
  stage         TEXT NOT NULL,
  engagement    REAL NOT NULL,
  fit           REAL NOT NULL,
  email         TEXT,
  -- When the stage or score last changed (ms since epoch): the listing order.
  changed_at    INTEGER NOT NULL,
  -- The full qualification as the API serves it (JSON), so listing needs no fan-out.
  qualification TEXT NOT NULL
);

CREATE INDEX leads_by_change ON leads (changed_at DESC, visitor_id DESC);
CREATE INDEX leads_by_stage ON leads (stage, changed_at DESC, visitor_id DESC);
CREATE INDEX leads_by_email ON leads (email) WHERE email IS NOT NULL;
