-- The undelivered notifications of one client are counted before each of its backchannel requests is accepted and
-- before each of its answers is queued (ciba.delivery.max-undelivered-per-client); this index makes that count read
-- only the client's due rows.
CREATE INDEX ix_client_notification_client_status ON client_notification (registered_client_id, status);
