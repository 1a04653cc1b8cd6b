-- Identifiers (jti) of signed authentication requests already accepted, one row per client and jti, stored as a
-- SHA-256 hash of both. A request object is single use: a second insert of the same hash is a replay. Rows are kept
-- until the request object would have expired anyway, then swept.
CREATE TABLE request_object_jti (
    jti_hash   VARCHAR(64)              NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_request_object_jti PRIMARY KEY (jti_hash)
);
CREATE INDEX ix_request_object_jti_expires ON request_object_jti (expires_at);
