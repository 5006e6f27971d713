-- Issue 22. Relay-workshop reports: one per event, filed by the event's host (the participant who proposed
-- it, or the holder of a host link an organiser issued). Each contribution of a report becomes a proposal
-- (amendments stay in the report), linked to the report and its event: that link is the proposal's origin.
-- (`reports` is the table of moderation flags: these tables are named workshop_*.)

-- Host links: only a SHA-256 of the secret is kept; revoking sets revoked_at and takes effect at once.
CREATE TABLE workshop_host_links (
  id text PRIMARY KEY,
  consultation_id text NOT NULL,
  event_id text NOT NULL REFERENCES events (id),
  secret_hash text NOT NULL UNIQUE,
  label text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX workshop_host_links_by_event ON workshop_host_links (event_id);

CREATE TABLE workshop_reports (
  id text PRIMARY KEY,
  consultation_id text NOT NULL,
  -- One report per event.
  event_id text NOT NULL UNIQUE REFERENCES events (id),
  held_on date NOT NULL,
  attendees integer NOT NULL CHECK (attendees >= 1),
  organisations text[] NOT NULL DEFAULT '{}',
  summary text NOT NULL,
  participant_id text REFERENCES participants (id),
  host_link_id text REFERENCES workshop_host_links (id),
  -- The Idempotency-Key the draft chose on the device: a resend after the stored key expired still finds this report.
  client_key text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'published', 'hidden')),
  author_name text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workshop_contributions (
  report_id text NOT NULL REFERENCES workshop_reports (id),
  position integer NOT NULL,
  event_id text NOT NULL REFERENCES events (id),
  kind text NOT NULL CHECK (kind IN ('proposal', 'amendment')),
  title text NOT NULL,
  body text NOT NULL,
  category_id text,
  section_id text,
  -- Support counted in the room: shown apart, never added to the online tally.
  room_support integer CHECK (room_support IS NULL OR room_support >= 0),
  proposal_id text UNIQUE REFERENCES proposals (id),
  PRIMARY KEY (report_id, position)
);
CREATE INDEX workshop_contributions_by_event ON workshop_contributions (event_id);

-- Moderated together: a decision on the report carries to each of its contributions still pending;
-- a contribution decided one by one keeps its own decision.
CREATE FUNCTION pgo_workshop_report_decided() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('published', 'hidden') THEN
    UPDATE proposals p SET status = NEW.status
      FROM workshop_contributions c
      WHERE c.report_id = NEW.id AND c.proposal_id = p.id AND p.status = 'pending';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER workshop_report_decided AFTER UPDATE OF status ON workshop_reports FOR EACH ROW EXECUTE FUNCTION pgo_workshop_report_decided();
