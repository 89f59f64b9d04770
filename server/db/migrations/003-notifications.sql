-- How each user hears about bounces of their own mail, and the bounce emails the notifier owes or sent.

-- in_app: the extension only (the default); email: a mail per bounce; both; none.
ALTER TABLE users ADD COLUMN notify TEXT NOT NULL DEFAULT 'in_app' CHECK (notify IN ('in_app', 'email', 'both', 'none'));

-- One row per bounce event a user asked to hear about by email: the event id as key makes a second mail impossible.
-- sending: claimed by a notifier; a row still `sending` at the next start is given up (`failed`), never re-sent, since
-- the mail may already have gone. pending rows with attempts > 0 wait for next_attempt_at (SMTP was down).
CREATE TABLE notifications (
  event_id INTEGER PRIMARY KEY REFERENCES bounce_events (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id),
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE state = 'pending';
