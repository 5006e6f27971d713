-- Replays must answer byte for byte what the first answer said: `json` keeps the text as written
-- (jsonb would reorder the keys).
ALTER TABLE idempotency_keys ALTER COLUMN body TYPE json USING body::json;
