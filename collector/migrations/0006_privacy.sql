-- Erasure (DELETE /v1/visitors/:id, DELETE /v1/people?email=) leaves nothing of a person but this
-- list: the erased visitor ids and an HMAC of each erased email under EMBUDO_HASH_KEY (never the
-- email). Later events of those visitors, and identities carrying those emails, are refused with
-- `suppressed`; index writes still on their way about those visitors are dropped on arrival.
CREATE TABLE suppressions (
  -- 'visitor' (value: the visitor id) or 'email' (value: the email's HMAC-SHA-256, hex).
  kind      TEXT NOT NULL,
  value     TEXT NOT NULL,
  -- When it was erased (ms since epoch).
  erased_at INTEGER NOT NULL,
  PRIMARY KEY (kind, value)
);

-- Erasure removes every recorded stage change of the erased visitors, including those of a lead
-- that still exists but whose primary visitor was one of them: the visitor is kept beside the
-- change so that needs no scan of the JSON.
ALTER TABLE stage_changes ADD COLUMN visitor_id TEXT;
UPDATE stage_changes SET visitor_id = json_extract(change, '$.visitorId');
CREATE INDEX stage_changes_by_visitor ON stage_changes (visitor_id);
CREATE INDEX stage_changes_by_lead ON stage_changes (lead_id);
CREATE INDEX leads_by_visitor ON leads (visitor_id);
