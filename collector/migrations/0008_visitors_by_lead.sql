-- Erasure and export ask which visitors a person has; the links were keyed by visitor alone, so
-- that question read every link. An index by lead answers it from the person's own rows.
CREATE INDEX lead_visitors_by_lead ON lead_visitors (lead_id);
