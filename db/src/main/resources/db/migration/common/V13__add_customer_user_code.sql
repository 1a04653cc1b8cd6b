-- User codes (CIBA Core 1.0 section 7.1 user_code): a secret the customer sets in the portal and tells the clients that
-- must name it. Only a bcrypt hash is stored. user_code_failures counts wrong codes in a row (an attempt is counted
-- before the code is compared, so parallel guesses cannot exceed the limit); when it reaches the limit the code is
-- locked until user_code_locked_until and the count starts again. Every change bumps the row's version, which the
-- server compares in its conditional updates.
ALTER TABLE customer ADD COLUMN user_code_hash VARCHAR(200);
ALTER TABLE customer ADD COLUMN user_code_failures INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE customer ADD COLUMN user_code_locked_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE customer ADD CONSTRAINT ck_customer_user_code_failures CHECK (user_code_failures >= 0);
