-- The email log, bounce events with their raw payloads, the suppression list with its change feed, and the audit log.

-- feed_seq: the org's last change number; feed_floor: changes at or below it may have been pruned (cursor → 410).
ALTER TABLE orgs ADD COLUMN policy TEXT NOT NULL DEFAULT '{}';
ALTER TABLE orgs ADD COLUMN feed_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN feed_floor INTEGER NOT NULL DEFAULT 0;

CREATE TABLE emails (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  client_id TEXT NOT NULL,
  message_id TEXT,
  subject TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (user_id, client_id)
) STRICT;
CREATE INDEX emails_org_sent ON emails (org_id, sent_at);
CREATE INDEX emails_message_id ON emails (org_id, message_id) WHERE message_id IS NOT NULL;

-- org_id and sent_at are copied from the mail so a bounce finds "the latest mail to this address" by index.
CREATE TABLE email_recipients (
  email_id INTEGER NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  org_id INTEGER NOT NULL,
  sent_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'deferred', 'delivered', 'bounced', 'complained')),
  PRIMARY KEY (email_id, address)
) STRICT, WITHOUT ROWID;
CREATE INDEX email_recipients_address ON email_recipients (org_id, address, sent_at);

-- Every payload as received (bytes: a raw message need not be UTF-8), kept for re-classification; a retry with the
-- same bytes is stored once.
CREATE TABLE raw_payloads (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  body BLOB NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (org_id, sha256)
) STRICT;

-- counted: a bounce or complaint policy counted (not a delivery, deferral, ESP echo or auto-reply).
-- cleared_at: set by unbounce, after which the event no longer counts toward a threshold.
-- sender_user_id outlives the email log (14 days): it says whose mail bounced, for `own` and member unbounce.
CREATE TABLE bounce_events (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  source TEXT NOT NULL,
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('bounce', 'complaint', 'delivery', 'deferred', 'suppressed-echo')),
  address TEXT NOT NULL,
  class TEXT CHECK (class IN ('hard', 'soft', 'block', 'complaint', 'ignore')),
  reason TEXT,
  hard INTEGER NOT NULL DEFAULT 0,
  status TEXT,
  reply_code TEXT,
  diagnostic TEXT,
  provider_class TEXT,
  message_id TEXT,
  occurred_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  raw_payload_id INTEGER NOT NULL REFERENCES raw_payloads (id),
  email_id INTEGER REFERENCES emails (id) ON DELETE SET NULL,
  sender_user_id INTEGER REFERENCES users (id),
  counted INTEGER NOT NULL,
  cleared_at INTEGER,
  UNIQUE (org_id, source, event_id)
) STRICT;
CREATE INDEX bounce_events_address ON bounce_events (org_id, address, occurred_at);
CREATE INDEX bounce_events_email ON bounce_events (email_id) WHERE email_id IS NOT NULL;
-- Answers each sync row's `own` from the index alone (server/db/suppressions.ts), without reading event rows.
CREATE INDEX bounce_events_owner ON bounce_events (org_id, address, sender_user_id)
  WHERE counted = 1 AND cleared_at IS NULL AND sender_user_id IS NOT NULL;

-- One row per address that ever bounced (suppressed or only counted); seq orders the sync feed.
CREATE TABLE suppressions (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  address TEXT NOT NULL,
  class TEXT NOT NULL CHECK (class IN ('hard', 'soft', 'block', 'complaint', 'manual')),
  reason TEXT NOT NULL,
  status TEXT,
  diagnostic TEXT,
  source TEXT NOT NULL,
  bounce_count INTEGER NOT NULL,
  first_bounce_at INTEGER NOT NULL,
  last_bounce_at INTEGER NOT NULL,
  suppressed INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  UNIQUE (org_id, address)
) STRICT;
CREATE UNIQUE INDEX suppressions_feed ON suppressions (org_id, seq);

-- An unbounced address: a `delete` in the sync feed until retention prunes it (and raises orgs.feed_floor).
CREATE TABLE tombstones (
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  address TEXT NOT NULL,
  seq INTEGER NOT NULL,
  deleted_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, address)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX tombstones_feed ON tombstones (org_id, seq);

-- user_id null: done by an operator through the CLI.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  user_id INTEGER REFERENCES users (id),
  action TEXT NOT NULL,
  address TEXT,
  reason TEXT,
  detail TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_org ON audit_log (org_id, at);
