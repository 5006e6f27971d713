-- Issue 23. Live changes for the server-sent event streams (server/live/). One row per topic of a
-- consultation, holding the topic's LATEST change and its sequence number: `tally:<proposal>`,
-- `proposal:<id>` (published, or no longer), `consultation` (phases or settings changed), and
-- `mine:<kind>:<id>` (a moderation decision on a participant's own contribution, private to them).
-- A stream resumed with Last-Event-ID n reads the topics whose seq > n: each changed topic once, in
-- its latest state, so nothing is missed and nothing comes twice. The table holds one row per topic
-- (not one per change): it stays as small as the consultation and needs no pruning.
CREATE SEQUENCE live_seq;
CREATE TABLE live_changes (
  consultation_id text NOT NULL,
  topic text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('tally', 'proposal', 'consultation', 'mine', 'count')),
  ref text,
  -- Set: the change is shown to this participant only.
  participant_id text,
  data jsonb NOT NULL DEFAULT '{}',
  seq bigint NOT NULL,
  PRIMARY KEY (consultation_id, topic)
);
CREATE INDEX live_changes_by_seq ON live_changes (consultation_id, seq);

-- Records a change and wakes every server process (NOTIFY is delivered at commit, in commit order).
-- Called at commit time (deferred triggers): the consultation's lock is then held only from here to the
-- end of the commit, and it makes sequence order equal commit order, so a reader that has seen seq n
-- has seen every lower one. Other kinds of contribution (comments, amendments) call it from their own
-- deferred triggers.
CREATE FUNCTION pgo_live_change(p_consultation text, p_topic text, p_kind text, p_ref text, p_participant text, p_data jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(74112023, hashtext(p_consultation));
  INSERT INTO live_changes AS l (consultation_id, topic, kind, ref, participant_id, data, seq)
    VALUES (p_consultation, p_topic, p_kind, p_ref, p_participant, coalesce(p_data, '{}'), nextval('live_seq'))
    ON CONFLICT (consultation_id, topic) DO UPDATE
      SET kind = EXCLUDED.kind, ref = EXCLUDED.ref, participant_id = EXCLUDED.participant_id, data = EXCLUDED.data, seq = EXCLUDED.seq;
  PERFORM pg_notify('pgo_live', p_consultation);
END
$$;

CREATE FUNCTION pgo_live_vote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pgo_live_change(OLD.consultation_id, 'tally:' || OLD.proposal_id, 'tally', OLD.proposal_id, NULL, '{}');
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR OLD.proposal_id <> NEW.proposal_id) THEN
    PERFORM pgo_live_change(NEW.consultation_id, 'tally:' || NEW.proposal_id, 'tally', NEW.proposal_id, NULL, '{}');
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER votes_live AFTER INSERT OR UPDATE OR DELETE ON votes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pgo_live_vote();

-- A proposal published, or one that was published and no longer is (everyone sees its id and status);
-- a decision on a participant's own proposal (they alone see it).
CREATE FUNCTION pgo_live_proposal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status THEN
    RETURN NULL;
  END IF;
  IF NEW.status = 'published' OR (TG_OP = 'UPDATE' AND OLD.status = 'published') THEN
    PERFORM pgo_live_change(NEW.consultation_id, 'proposal:' || NEW.id, 'proposal', NEW.id, NULL, json_build_object('status', NEW.status)::jsonb);
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.participant_id IS NOT NULL THEN
    PERFORM pgo_live_change(NEW.consultation_id, 'mine:proposal:' || NEW.id, 'mine', 'proposal:' || NEW.id, NEW.participant_id,
      json_build_object('target', 'proposal:' || NEW.id, 'status', NEW.status)::jsonb);
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER proposals_live AFTER INSERT OR UPDATE OF status ON proposals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pgo_live_proposal();

-- A decision on a participant's own proposed event.
CREATE FUNCTION pgo_live_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.moderation = NEW.moderation OR NEW.participant_id IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM pgo_live_change(NEW.consultation_id, 'mine:event:' || NEW.id, 'mine', 'event:' || NEW.id, NEW.participant_id,
    json_build_object('target', 'event:' || NEW.id, 'status', CASE NEW.moderation WHEN 'approved' THEN 'published' ELSE NEW.moderation END)::jsonb);
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER events_live AFTER UPDATE OF moderation ON events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pgo_live_event();
