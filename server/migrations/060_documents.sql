-- Issue 21: the collaborative writing phase. A document has versions (each a snapshot of its sections);
-- amendments are written on one version (their base) and keep it; participants vote on them; organisers
-- decide (a reason required to reject or to change); publishing takes the accepted ones into version n+1.

CREATE TABLE documents (
  id text PRIMARY KEY,
  consultation_id text NOT NULL,
  title text NOT NULL,
  vote_model text NOT NULL DEFAULT 'for-against-mixed' CHECK (vote_model IN ('support', 'for-against-mixed', 'interest')),
  amendment_phases jsonb NOT NULL DEFAULT '[]',
  one_open_per_section boolean NOT NULL DEFAULT true,
  current_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_by_consultation ON documents (consultation_id);

-- `sections`: [{ id, parentId, level, title, body }] in reading order. `changelog`: the amendments taken in.
CREATE TABLE document_versions (
  document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  sections jsonb NOT NULL,
  changelog jsonb NOT NULL DEFAULT '[]',
  published_at timestamptz NOT NULL,
  PRIMARY KEY (document_id, number)
);

CREATE TABLE amendments (
  id text PRIMARY KEY,
  consultation_id text NOT NULL,
  document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  section_id text NOT NULL,
  base_version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('modify', 'add-after', 'delete')),
  title text NOT NULL,
  base_text text NOT NULL,
  text text NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  author_name text,
  participant_id text NOT NULL REFERENCES participants (id),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'accepted-with-changes', 'rejected', 'withdrawn')),
  -- The moderation model's status (server/store/moderation.ts): hidden amendments are not listed.
  moderation text NOT NULL DEFAULT 'published' CHECK (moderation IN ('pending', 'published', 'hidden')),
  -- Copied from the document when written: the partial index below can only read this row.
  exclusive boolean NOT NULL,
  decision_reason text,
  decision_text text,
  decided_by text,
  decided_at timestamptz,
  applied_in integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (document_id, base_version) REFERENCES document_versions (document_id, number),
  -- A decision names its author and time; rejecting or changing an amendment gives a reason.
  CHECK (state IN ('open', 'withdrawn') OR (decided_at IS NOT NULL AND decided_by IS NOT NULL)),
  CHECK (state NOT IN ('rejected', 'accepted-with-changes') OR length(btrim(coalesce(decision_reason, ''))) > 0),
  CHECK (state <> 'accepted-with-changes' OR kind = 'delete' OR decision_text IS NOT NULL)
);
-- One open amendment per participant and section (when the document says so), whatever the races.
CREATE UNIQUE INDEX amendments_one_open ON amendments (participant_id, document_id, section_id) WHERE state = 'open' AND exclusive;
CREATE INDEX amendments_by_document ON amendments (document_id, section_id, created_at);

-- One vote per participant and amendment, by the primary key.
CREATE TABLE amendment_votes (
  participant_id text NOT NULL REFERENCES participants (id),
  amendment_id text NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  choice text NOT NULL CHECK (choice IN ('support', 'for', 'mixed', 'against', 'interest')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (participant_id, amendment_id)
);
CREATE INDEX amendment_votes_by_amendment ON amendment_votes (amendment_id, choice);
