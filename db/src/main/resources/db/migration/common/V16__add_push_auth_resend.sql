-- Pushes of an unanswered request are sent again a few times. resend_count says how often that happened and
-- next_resend_at when the next resend is due (NULL: the first one, due a configured time after the request). A node
-- takes a resend only by an update conditional on the count it read, so two nodes never resend the same round.
-- Due requests are found among the pending, unexpired ones through ix_push_auth_expires.
ALTER TABLE push_auth ADD COLUMN resend_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE push_auth ADD COLUMN next_resend_at TIMESTAMP WITH TIME ZONE;
