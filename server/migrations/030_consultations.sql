-- Consultations live in the database (issue 19). The JSON files of server/config are imported at start:
-- while `from_file` names its file (never edited in the console), a start re-imports it (relative demo
-- times re-resolved); the first edit in the console clears it and the database is then the one truth.
CREATE TABLE consultations (
  id text PRIMARY KEY,
  -- `ConsultationEdit` (src/core/consultation-edit.ts): consultation, allowedOrigins, moderation, identity.
  document jsonb NOT NULL,
  -- Every save adds one; a save over a newer revision is refused (two organisers editing at once).
  revision integer NOT NULL DEFAULT 1,
  from_file text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Host-signing keys (HS256 secrets shared with a host CMS). The newest signs; an older key keeps
-- verifying until `retires_at` (rotation with overlap). A key from a file may name an environment
-- variable instead of holding the secret.
CREATE TABLE consultation_keys (
  id text PRIMARY KEY,
  consultation_id text NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
  secret text,
  secret_env text,
  created_at timestamptz NOT NULL,
  retires_at timestamptz,
  CHECK ((secret IS NULL) <> (secret_env IS NULL))
);
CREATE INDEX consultation_keys_by_consultation ON consultation_keys (consultation_id, created_at DESC);
