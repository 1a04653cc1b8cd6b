-- When the push provider said a device's push token is no longer registered. The token itself is then forgotten, so
-- the device gets no more pushes (it can still pull its pending requests) until it sends a new token by an update
-- call; the portal shows such a device as unreachable.
ALTER TABLE device ADD COLUMN push_token_stale_at TIMESTAMP WITH TIME ZONE;
