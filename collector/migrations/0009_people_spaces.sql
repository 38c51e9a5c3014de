-- People spaces (src/spaces.ts): a person is one email in one space (a group of sites, or one
-- site), an account one domain in one space. Rows written before spaces belong to the space ''
-- and keep their keys ("person:<email>", the bare domain) until their people move into their
-- sites' spaces, as each person's visitors next send events.

-- Which space a lead is in: an erasure by email looks in every space that lists the email.
ALTER TABLE leads ADD COLUMN space TEXT NOT NULL DEFAULT '';

-- Accounts are keyed by space and domain (`account_id`: "<space>:<domain>", the bare domain in the
-- space ''). SQLite cannot change a primary key in place, so the table is copied.
CREATE TABLE accounts_in_spaces (
  account_id TEXT PRIMARY KEY,
  space      TEXT NOT NULL,
  domain     TEXT NOT NULL,
  stage      TEXT NOT NULL,
  engagement REAL NOT NULL,
  fit        REAL NOT NULL,
  changed_at INTEGER NOT NULL,
  account    TEXT NOT NULL
);
INSERT INTO accounts_in_spaces
  SELECT domain, '', domain, stage, engagement, fit, changed_at, json_set(account, '$.space', '') FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_in_spaces RENAME TO accounts;
CREATE INDEX accounts_by_change ON accounts (changed_at DESC, account_id DESC);
CREATE INDEX accounts_by_stage ON accounts (stage, changed_at DESC, account_id DESC);
CREATE INDEX accounts_by_domain ON accounts (domain, space);
