-- What webhook verification remembers, kept here rather than in memory so a restart, or a second server process
-- on the same file, agrees on it (server/db/verification-caches.ts).

-- Mailgun signs only timestamp + token, not the body: a token seen once must be refused until its timestamp is stale
-- anyway (expires_at, ms). Keyed by the token alone, as Mailgun's tokens are random: a captured signature block is
-- refused at every webhook of the server, even one that shares the signing key. webhook_id says who consumed it.
CREATE TABLE mailgun_tokens (
  token TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX mailgun_tokens_expiry ON mailgun_tokens (expires_at);

-- SNS signing certificates by their (allow-listed) SigningCertURL, as fetched; refetched once fetched_at (ms) is older
-- than the cache's maximum age. A row is written only for a PEM that parsed as a certificate.
CREATE TABLE sns_certificates (
  url TEXT PRIMARY KEY,
  pem TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
