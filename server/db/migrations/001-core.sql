-- Organisations, their people and API tokens, and the webhook URLs that identify an org to an ESP.

CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
  created_at INTEGER NOT NULL,
  UNIQUE (org_id, email)
) STRICT;

-- Only the SHA-256 of a token is kept: tokens are 32 random bytes, so a plain hash cannot be brute-forced.
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX tokens_user ON tokens (user_id);

-- `id` is the unguessable part of the URL given to the ESP; `settings` is checked by server/ingest/settings.ts.
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs (id),
  provider TEXT NOT NULL CHECK (provider IN ('ses', 'sendgrid', 'mailgun', 'postmark')),
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX webhooks_org ON webhooks (org_id);
