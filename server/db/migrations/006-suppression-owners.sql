-- owners (',3,17,' in id order, or null): the users whose mail a counted, not yet unbounced bounce of the address
-- answered. The sync feed reads each row's `own` from it instead of searching bounce_events once per row;
-- server/db/suppressions.ts (ownersOf) recomputes it the same way whenever a row is written or re-sent.
ALTER TABLE suppressions ADD COLUMN owners TEXT;

UPDATE suppressions SET owners = (
  SELECT ',' || group_concat(user_id) || ',' FROM (
    SELECT DISTINCT e.sender_user_id AS user_id FROM bounce_events e
    WHERE e.org_id = suppressions.org_id AND e.address = suppressions.address AND e.sender_user_id IS NOT NULL
      AND e.counted = 1 AND e.cleared_at IS NULL
    ORDER BY user_id));
