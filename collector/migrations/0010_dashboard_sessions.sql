-- Dashboard sessions (src/dashboard/session.ts): the signed cookie names one of these rows, and
-- the row must still be here. Sign-out deletes it, so a copied cookie stops working then, not
-- only when it expires. Expired rows are deleted as new sessions start.
CREATE TABLE dashboard_sessions (
  id         TEXT PRIMARY KEY,
  -- When the session ends (ms since epoch), as the cookie says too.
  expires_at INTEGER NOT NULL
);
