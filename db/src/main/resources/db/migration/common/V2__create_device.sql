-- Registered phones. The id is the deviceId of the push protocol; the public key is base64 DER SubjectPublicKeyInfo.
CREATE TABLE device (
    id            VARCHAR(64)              NOT NULL,
    customer_id   VARCHAR(64)              NOT NULL,
    name          VARCHAR(100)             NOT NULL,
    model         VARCHAR(100)             NOT NULL,
    push_token    VARCHAR(4096),
    provider      VARCHAR(32)              NOT NULL,
    public_key    VARCHAR(2048)            NOT NULL,
    key_algorithm VARCHAR(8)               NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    removed_at    TIMESTAMP WITH TIME ZONE,
    version       INTEGER DEFAULT 0        NOT NULL,
    CONSTRAINT pk_device PRIMARY KEY (id),
    CONSTRAINT fk_device_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT ck_device_status CHECK (status IN ('ACTIVE', 'REMOVED'))
);
CREATE INDEX ix_device_customer_status ON device (customer_id, status);
