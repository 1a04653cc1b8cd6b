-- The portal's grants page lists a customer's authorizations (the tokens clients hold for them) and its revoke button
-- deletes those of one client: both look rows up by principal_name (the customer's id) and client.
CREATE INDEX ix_oauth2_authorization_principal ON oauth2_authorization (principal_name, registered_client_id);
