-- Organisers (issue 19): accounts, roles per consultation, sessions, sign-in failures, the audit log,
-- moderation decisions for every kind of contribution, answers to proposals and the automation token.

CREATE TABLE organisers (
  id text PRIMARY KEY,
  -- Stored lower-cased: one account per address.
  email text NOT NULL UNIQUE,
  display_name text NOT NULL,
  -- `scrypt$N$r$p$salt$hash` (base64url); null for an account that only signs in through OIDC.
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- `consultation_id = '*'`: the role holds for every consultation (the server's admins).
CREATE TABLE organiser_roles (
  organiser_id text NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
  consultation_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'moderator')),
  PRIMARY KEY (organiser_id, consultation_id)
);

-- Only a SHA-256 of the cookie's value is kept. Times follow the server's clock (tests move it).
CREATE TABLE organiser_sessions (
  token_hash text PRIMARY KEY,
  organiser_id text NOT NULL REFERENCES organisers (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX organiser_sessions_by_organiser ON organiser_sessions (organiser_id);

-- Failed sign-ins, per account (`account:<email>`) and per address (`ip:<address>`): shared by every
-- server process, so the throttle holds behind a load balancer.
CREATE TABLE sign_in_failures (
  key text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, at);

-- Who did what, when, and why. `actor` is `organiser:<id>`, `token` (the automation token) or `setup`.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  actor_name text NOT NULL,
  action text NOT NULL,
  consultation_id text,
  target text,
  reason text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_consultation ON audit_log (consultation_id, at);

-- The last moderation decision on a contribution (`kind:id`): the reported tab shows reports newer than it.
CREATE TABLE moderation_decisions (
  target text PRIMARY KEY,
  consultation_id text NOT NULL,
  status text NOT NULL,
  reason text NOT NULL,
  actor text NOT NULL,
  decided_at timestamptz NOT NULL
);

-- Reports name their target (`kind:id`) so that every kind of contribution shares the table.
ALTER TABLE reports ADD COLUMN target text;
UPDATE reports SET target = 'proposal:' || proposal_id;
ALTER TABLE reports ALTER COLUMN target SET NOT NULL;
ALTER TABLE reports ALTER COLUMN proposal_id DROP NOT NULL;
CREATE INDEX reports_by_target ON reports (target, created_at);

CREATE TABLE proposal_answers (
  proposal_id text PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('under-study', 'kept', 'merged', 'not-kept')),
  text text NOT NULL,
  commitment text,
  merged_into text REFERENCES proposals (id),
  answered_at timestamptz NOT NULL,
  answered_by text NOT NULL
);

-- The automation token(s): SHA-256 only; rotating revokes the others.
CREATE TABLE admin_tokens (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- The one-time setup token printed while no organiser exists.
CREATE TABLE organiser_setup (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
