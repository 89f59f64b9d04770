-- Raw payloads, part 1 of 2. A raw message's key (`sha256`) becomes the SHA-256 of its canonical form
-- (server/db/payload-key.ts), so the same bounce by SMTP (CRLF) and by HTTP (often LF) is stored once; webhook
-- payloads keep the hash of their bytes. Bodies can be pruned by retention: the row and its key stay (they keep a
-- re-delivery idempotent and bounce_events point to them), the body becomes empty and pruned_at says when.
-- Part 2 is the data step `raw-payloads` (server/store/canonical-payloads.ts, run in this migration's transaction;
-- SQL has no SHA-256): new keys and event ids for stored messages, duplicates merged.
ALTER TABLE raw_payloads ADD COLUMN pruned_at INTEGER;
CREATE INDEX raw_payloads_unpruned ON raw_payloads (received_at) WHERE pruned_at IS NULL;

-- Re-classification and the data step read a payload's events.
CREATE INDEX bounce_events_payload ON bounce_events (raw_payload_id);
