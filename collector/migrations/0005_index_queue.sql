-- Index writes now reach D1 through a queue (src/storage/index-outbox.ts stages them in the
-- writing object, src/index-queue.ts applies them in batches), so one may arrive late, twice, or
-- after a newer one. Every row they set has one writer, the object that owns it, which gives
-- each write a version higher than its last. A write applies only when its version is the
-- newest seen for its key, and the version stays when the row is deleted, so a late copy of an
-- older write never brings back a removed row. The objects' sweeps read it to learn what landed.
CREATE TABLE index_versions (
  key     TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);

-- Every change of a lead's stage, as the lead's object saw it happen: the previous stage, the
-- new one, when (the deciding event's time, or the moment decay moved it), why, and which event.
-- `sequence` rises by one per change of one lead, so a reader can order them.
CREATE TABLE stage_changes (
  -- lead_id and the sequence, zero-padded: one key for the newest-first listing.
  id         TEXT PRIMARY KEY,
  lead_id    TEXT NOT NULL,
  sequence   INTEGER NOT NULL,
  site       TEXT NOT NULL,
  stage      TEXT NOT NULL,
  -- When the stage changed (ms since epoch): the listing order.
  changed_at INTEGER NOT NULL,
  -- The change as GET /v1/stage-changes serves it (JSON).
  change     TEXT NOT NULL
);
CREATE INDEX stage_changes_by_change ON stage_changes (changed_at DESC, id DESC);
CREATE INDEX stage_changes_by_stage ON stage_changes (stage, changed_at DESC, id DESC);
