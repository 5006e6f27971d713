-- Issue 20: comments on a proposal, an event, a text's section or an amendment (`target` = kind:id).
-- The database holds the rules: one reply level (a trigger), one "helpful" vote and one report per
-- participant (primary key, unique index), one pinned comment per target (unique index), every earlier
-- version of an edited comment (comment_edits). Reports share the `reports` table (target `comment:<id>`).
CREATE TABLE comments (
  id text PRIMARY KEY,
  -- Insertion order: ties of created_at (same millisecond) keep the order comments came in.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  consultation_id text NOT NULL,
  target text NOT NULL CHECK (target ~ '^(proposal|event|section|amendment):[A-Za-z0-9_.:-]{1,120}$'),
  -- The thread's first comment (null for a first-level comment); reply_to: the reply it answers.
  parent_id text REFERENCES comments (id),
  reply_to_id text REFERENCES comments (id),
  body text NOT NULL,
  stance text CHECK (stance IN ('for', 'neutral', 'against')),
  author_name text,
  participant_id text REFERENCES participants (id),
  -- An organiser's comment carries a badge.
  organiser_id text REFERENCES organisers (id),
  status text NOT NULL CHECK (status IN ('published', 'pending', 'hidden', 'deleted')),
  pinned boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  edited_at timestamptz,
  CHECK (reply_to_id IS NULL OR parent_id IS NOT NULL),
  CHECK (NOT (pinned AND parent_id IS NOT NULL))
);
CREATE INDEX comments_threads ON comments (consultation_id, target, created_at, seq) WHERE parent_id IS NULL;
CREATE INDEX comments_replies ON comments (parent_id, created_at, seq) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX comments_one_pinned ON comments (target) WHERE pinned;

-- Replies only one level deep, in the same consultation and target as their thread.
CREATE FUNCTION pgo_comment_depth() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent comments%ROWTYPE;
  answered comments%ROWTYPE;
BEGIN
  IF NEW.parent_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT * INTO parent FROM comments WHERE id = NEW.parent_id;
  IF parent.parent_id IS NOT NULL THEN
    RAISE EXCEPTION 'pgo:validation' USING DETAIL = 'a reply answers a first-level comment (one reply level)';
  END IF;
  IF parent.target <> NEW.target OR parent.consultation_id <> NEW.consultation_id THEN
    RAISE EXCEPTION 'pgo:validation' USING DETAIL = 'a reply belongs to its thread''s target';
  END IF;
  IF NEW.reply_to_id IS NOT NULL THEN
    SELECT * INTO answered FROM comments WHERE id = NEW.reply_to_id;
    IF answered.parent_id IS DISTINCT FROM NEW.parent_id THEN
      RAISE EXCEPTION 'pgo:validation' USING DETAIL = 'the reply answered belongs to the same thread';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER comments_one_level BEFORE INSERT OR UPDATE OF parent_id, reply_to_id, target ON comments FOR EACH ROW EXECUTE FUNCTION pgo_comment_depth();

CREATE TABLE comment_edits (
  id bigserial PRIMARY KEY,
  comment_id text NOT NULL REFERENCES comments (id),
  body text NOT NULL,
  stance text,
  -- When this version was written (the comment's creation or its previous edit).
  written_at timestamptz NOT NULL,
  replaced_at timestamptz NOT NULL
);
CREATE INDEX comment_edits_by_comment ON comment_edits (comment_id, id);

-- One helpful vote per participant and comment, by the primary key.
CREATE TABLE comment_helpful (
  comment_id text NOT NULL REFERENCES comments (id),
  participant_id text NOT NULL REFERENCES participants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, participant_id)
);

-- One report per participant and comment (proposals keep their own rule).
CREATE UNIQUE INDEX reports_one_per_comment ON reports (target, participant_id) WHERE target LIKE 'comment:%';
