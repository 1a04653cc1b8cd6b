-- At most one active signing key, held by the database rather than by each node: nodes that create the first key
-- at the same moment race on this unique column, and the loser uses the winner's key instead of one of its own.
ALTER TABLE signing_key ADD COLUMN active_slot SMALLINT;

UPDATE signing_key SET status = 'RETIRED'
WHERE status = 'ACTIVE'
  AND kid <> (SELECT kid FROM signing_key WHERE status = 'ACTIVE' ORDER BY created_at, kid LIMIT 1);

UPDATE signing_key SET active_slot = 1 WHERE status = 'ACTIVE';

ALTER TABLE signing_key ADD CONSTRAINT uq_signing_key_active_slot UNIQUE (active_slot);

ALTER TABLE signing_key ADD CONSTRAINT ck_signing_key_active_slot
    CHECK ((status = 'ACTIVE' AND active_slot = 1) OR (status = 'RETIRED' AND active_slot IS NULL));
