-- Operators: the accounts of the operator console (/console), a role of their own, never customers. The id is opaque
-- and random (the principal name); the username is what an operator types at login. Seeded from configuration
-- (ciba.console.operators); the password is a bcrypt hash.
CREATE TABLE operator (
    id            VARCHAR(64)              NOT NULL,
    username      VARCHAR(64)              NOT NULL,
    password_hash VARCHAR(200)             NOT NULL,
    enabled       BOOLEAN                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_operator PRIMARY KEY (id),
    CONSTRAINT uq_operator_username UNIQUE (username)
);
