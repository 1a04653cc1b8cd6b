-- Open registrations behind a portal QR code: one row per offered deviceId, the challenge kept in clear because
-- the server verifies the phone's signature over it. Single use (used_at) and short-lived (expires_at).
CREATE TABLE device_registration (
    device_id   VARCHAR(64)              NOT NULL,
    customer_id VARCHAR(64)              NOT NULL,
    challenge   VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_device_registration PRIMARY KEY (device_id),
    CONSTRAINT fk_device_registration_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);
CREATE INDEX ix_device_registration_customer ON device_registration (customer_id, expires_at);
CREATE INDEX ix_device_registration_expires ON device_registration (expires_at);
