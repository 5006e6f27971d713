-- Stored idempotency keys live for a stated time, then a replay is no longer possible and the row is
-- deleted (server/http/idempotency.ts): 24 hours, 5 minutes for POST /participants. Rows written before
-- this migration get 24 hours from now.
ALTER TABLE idempotency_keys ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours';
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
