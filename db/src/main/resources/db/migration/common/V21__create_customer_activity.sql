-- The customer's activity page: one row per backchannel authentication request that named the customer, kept for
-- the audit retention (ciba.audit.retention, 90 days) while ciba_request rows go a day after they end. A row is
-- written in the transaction that creates the request and updated in the transaction of each later change (the
-- answer of a device, the redemption, the expiry sweep).
--
-- It holds only what the page shows: the client's client_id and name at request time, the binding message, the
-- scopes, a one-line summary of the authorization_details, the answering device's id and name, the outcome and the
-- times. Never the auth_req_id, a token, a hint or the authorization_details themselves. request_id is the internal
-- id of the ciba_request row (a random UUID that is never sent to a client); there is no foreign key, as the row
-- outlives the request.
CREATE TABLE customer_activity (
    request_id            VARCHAR(64)              NOT NULL,
    customer_id           VARCHAR(64)              NOT NULL,
    client_id             VARCHAR(100)             NOT NULL,
    client_name           VARCHAR(200)             NOT NULL,
    binding_message       VARCHAR(256),
    scope                 VARCHAR(1000)            NOT NULL,
    details_summary       VARCHAR(1000),
    outcome               VARCHAR(16)              NOT NULL,
    device_id             VARCHAR(64),
    device_name           VARCHAR(100),
    requested_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at           TIMESTAMP WITH TIME ZONE,
    redeemed_at           TIMESTAMP WITH TIME ZONE,
    version               INTEGER DEFAULT 0        NOT NULL,
    CONSTRAINT pk_customer_activity PRIMARY KEY (request_id),
    CONSTRAINT ck_customer_activity_outcome CHECK (outcome IN ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED'))
);
-- A customer's requests, newest first (the page pages through them by requested_at and request_id).
CREATE INDEX ix_customer_activity_customer ON customer_activity (customer_id, requested_at DESC, request_id DESC);
-- The expiry sweep of pending rows and the retention sweep.
CREATE INDEX ix_customer_activity_outcome_expires ON customer_activity (outcome, expires_at);
CREATE INDEX ix_customer_activity_requested ON customer_activity (requested_at);
