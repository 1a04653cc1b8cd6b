-- Abuse limits that hold across server nodes: one row per limit (bucket), key and fixed time window, counting the
-- attempts admitted in that window. The key is the SHA-256 hash (base64url, no padding) of what is limited (a
-- customer id, a device id, a push authentication id), so no identifier is kept in clear.
--
-- An attempt is one conditional update, hits = hits + 1 WHERE hits < the limit, whose row count says whether it was
-- admitted; the first attempt of a window inserts the row, and a node that loses that insert to another updates
-- instead. Windows are aligned to the epoch; window_end says when a row is no longer needed, and the sweep deletes
-- such rows in batches.
CREATE TABLE rate_limit (
    bucket       VARCHAR(32)              NOT NULL,
    key_hash     VARCHAR(43)              NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    window_end   TIMESTAMP WITH TIME ZONE NOT NULL,
    hits         INTEGER                  NOT NULL,
    CONSTRAINT pk_rate_limit PRIMARY KEY (bucket, key_hash, window_start),
    CONSTRAINT ck_rate_limit_hits CHECK (hits >= 0),
    CONSTRAINT ck_rate_limit_window CHECK (window_end > window_start)
);
CREATE INDEX ix_rate_limit_window_end ON rate_limit (window_end);
