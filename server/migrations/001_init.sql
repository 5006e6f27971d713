-- The consultation data. Consultations themselves live in JSON configuration files (server/config);
-- rows refer to them by id. Tallies are never stored: they are counted from the vote rows.

CREATE TABLE participants (
  id text PRIMARY KEY,
  display_name text,
  verified boolean NOT NULL DEFAULT false,
  -- A host-signed identity (JWT `sub`) is unique per consultation that vouched for it.
  identity_consultation text,
  identity_subject text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (identity_consultation, identity_subject)
);

-- Only a SHA-256 of each bearer token is kept: a database leak does not leak usable tokens.
CREATE TABLE participant_tokens (
  token_hash text PRIMARY KEY,
  participant_id text NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE proposals (
  id text PRIMARY KEY,
  consultation_id text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  category_id text,
  extra jsonb NOT NULL DEFAULT '{}',
  author_name text,
  author_email text,
  participant_id text REFERENCES participants (id),
  status text NOT NULL CHECK (status IN ('published', 'pending', 'hidden', 'withdrawn')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposals_listing ON proposals (consultation_id, status, created_at DESC);

-- One vote per participant and proposal, by the primary key.
CREATE TABLE votes (
  participant_id text NOT NULL REFERENCES participants (id),
  proposal_id text NOT NULL REFERENCES proposals (id),
  consultation_id text NOT NULL,
  choice text NOT NULL CHECK (choice IN ('support', 'for', 'mixed', 'against', 'interest')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (participant_id, proposal_id)
);
CREATE INDEX votes_by_proposal ON votes (proposal_id, choice);
CREATE INDEX votes_by_participant ON votes (participant_id, consultation_id);

CREATE TABLE reports (
  id bigserial PRIMARY KEY,
  proposal_id text NOT NULL REFERENCES proposals (id),
  participant_id text REFERENCES participants (id),
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_by_proposal ON reports (proposal_id);

CREATE TABLE events (
  id text PRIMARY KEY,
  consultation_id text NOT NULL,
  title text NOT NULL,
  format text NOT NULL,
  description text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  time_zone text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('in-person', 'online', 'hybrid')),
  address jsonb,
  geo jsonb,
  online_url text,
  organiser_name text NOT NULL,
  organiser_url text,
  organiser_email text,
  url text,
  status text NOT NULL CHECK (status IN ('scheduled', 'cancelled', 'postponed', 'full')),
  -- none | external (registration_url) | inline (capacity, null = unlimited)
  registration_kind text NOT NULL CHECK (registration_kind IN ('none', 'external', 'inline')),
  registration_url text,
  capacity integer CHECK (capacity IS NULL OR capacity >= 1),
  moderation text NOT NULL CHECK (moderation IN ('pending', 'approved', 'hidden')),
  participant_id text REFERENCES participants (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_listing ON events (consultation_id, moderation, starts_at);

CREATE TABLE registrations (
  event_id text NOT NULL REFERENCES events (id),
  participant_id text NOT NULL REFERENCES participants (id),
  name text NOT NULL,
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, participant_id)
);

-- The first answer to each keyed write, replayed to retries. The row is inserted first, in the
-- write's own transaction, so a concurrent duplicate waits for it and then replays it.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Demo data is seeded once per consultation, so a restart keeps what people did.
CREATE TABLE seeded_consultations (
  consultation_id text PRIMARY KEY,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
