-- Hashes of device JWT identifiers (jti) already accepted, kept until the JWT would have expired anyway.
CREATE TABLE device_jwt_replay (
    jti_hash   VARCHAR(64)              NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_device_jwt_replay PRIMARY KEY (jti_hash)
);
CREATE INDEX ix_device_jwt_replay_expires ON device_jwt_replay (expires_at);
