-- CIBA backchannel authentication requests. Only a SHA-256 hash of the auth_req_id is stored.
-- States: PENDING -> APPROVED | DENIED | EXPIRED; APPROVED -> REDEEMED. Every change is a conditional update.
CREATE TABLE ciba_request (
    id                   VARCHAR(64)              NOT NULL,
    auth_req_id_hash     VARCHAR(64)              NOT NULL,
    registered_client_id VARCHAR(100)             NOT NULL,
    customer_id          VARCHAR(64)              NOT NULL,
    scope                VARCHAR(1000)            NOT NULL,
    binding_message      VARCHAR(256),
    acr_values           VARCHAR(1000),
    push_auth_id         VARCHAR(64)              NOT NULL,
    status               VARCHAR(16)              NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    interval_seconds     INTEGER                  NOT NULL,
    next_poll_at         TIMESTAMP WITH TIME ZONE,
    decided_at           TIMESTAMP WITH TIME ZONE,
    redeemed_at          TIMESTAMP WITH TIME ZONE,
    version              INTEGER DEFAULT 0        NOT NULL,
    CONSTRAINT pk_ciba_request PRIMARY KEY (id),
    CONSTRAINT uq_ciba_request_auth_req_id_hash UNIQUE (auth_req_id_hash),
    CONSTRAINT uq_ciba_request_push_auth UNIQUE (push_auth_id),
    CONSTRAINT fk_ciba_request_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT ck_ciba_request_status CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'REDEEMED'))
);
CREATE INDEX ix_ciba_request_expires ON ciba_request (expires_at);
CREATE INDEX ix_ciba_request_customer ON ciba_request (customer_id, created_at);
