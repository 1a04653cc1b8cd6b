-- Token signing keys, shared by every node. The private JWK is stored as JSON.
-- Known gap: the private key is stored unencrypted; protect the database (or configure an external key store
-- once that option exists) as you would protect the key itself.
CREATE TABLE signing_key (
    kid        VARCHAR(64)              NOT NULL,
    algorithm  VARCHAR(16)              NOT NULL,
    jwk        VARCHAR(8000)            NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_signing_key PRIMARY KEY (kid),
    CONSTRAINT ck_signing_key_status CHECK (status IN ('ACTIVE', 'RETIRED'))
);
