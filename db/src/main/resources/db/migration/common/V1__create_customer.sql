-- Customers: the people CIBA requests name. The id is opaque and random; it is the `sub` of every token.
CREATE TABLE customer (
    id            VARCHAR(64)              NOT NULL,
    username      VARCHAR(64)              NOT NULL,
    email         VARCHAR(254)             NOT NULL,
    password_hash VARCHAR(200)             NOT NULL,
    display_name  VARCHAR(200),
    enabled       BOOLEAN                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       INTEGER DEFAULT 0        NOT NULL,
    CONSTRAINT pk_customer PRIMARY KEY (id),
    CONSTRAINT uq_customer_username UNIQUE (username),
    CONSTRAINT uq_customer_email UNIQUE (email)
);
