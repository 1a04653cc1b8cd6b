-- Client authentication looks clients up by client_id on every request: make that lookup an index seek.
CREATE UNIQUE INDEX uq_oauth2_registered_client_client_id ON oauth2_registered_client (client_id);
