-- One push authentication per CIBA request: what the phones are asked, and what the first valid answer decided.
CREATE TABLE push_auth (
    id                 VARCHAR(64)              NOT NULL,
    customer_id        VARCHAR(64)              NOT NULL,
    challenge          VARCHAR(64)              NOT NULL,
    client_name        VARCHAR(200)             NOT NULL,
    binding_message    VARCHAR(256),
    scope              VARCHAR(1000)            NOT NULL,
    ip_address         VARCHAR(64),
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    status             VARCHAR(16)              NOT NULL,
    answered_device_id VARCHAR(64),
    answered_at        TIMESTAMP WITH TIME ZONE,
    version            INTEGER DEFAULT 0        NOT NULL,
    CONSTRAINT pk_push_auth PRIMARY KEY (id),
    CONSTRAINT fk_push_auth_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT ck_push_auth_status CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'CLOSED'))
);
CREATE INDEX ix_push_auth_customer_status ON push_auth (customer_id, status);
CREATE INDEX ix_push_auth_expires ON push_auth (expires_at);

-- The devices notified for a push authentication: exactly these may answer it.
CREATE TABLE push_auth_device (
    push_auth_id VARCHAR(64) NOT NULL,
    device_id    VARCHAR(64) NOT NULL,
    CONSTRAINT pk_push_auth_device PRIMARY KEY (push_auth_id, device_id),
    CONSTRAINT fk_push_auth_device_auth FOREIGN KEY (push_auth_id) REFERENCES push_auth (id) ON DELETE CASCADE,
    CONSTRAINT fk_push_auth_device_device FOREIGN KEY (device_id) REFERENCES device (id)
);
CREATE INDEX ix_push_auth_device_device ON push_auth_device (device_id);
