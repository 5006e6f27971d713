-- Issue 23: comments and amendments in the live streams. A change of what is counted records a `count`
-- topic: `count:comment:<target>` (published comments under a target) and `count:amendment:section:<doc>/<section>`
-- (open, published amendments of a section). The number itself is read when the streams read the log
-- (server/live/changes.ts), so the one sent is always the latest, whatever the order of the commits.
-- A moderation decision on a participant's own comment or amendment is a `mine` topic, private to them.

CREATE FUNCTION pgo_live_comment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.target = NEW.target THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
    PERFORM pgo_live_change(OLD.consultation_id, 'count:comment:' || OLD.target, 'count', OLD.target, NULL, '{"kind":"comment"}');
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
    PERFORM pgo_live_change(NEW.consultation_id, 'count:comment:' || NEW.target, 'count', NEW.target, NULL, '{"kind":"comment"}');
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status <> NEW.status AND NEW.participant_id IS NOT NULL THEN
    PERFORM pgo_live_change(NEW.consultation_id, 'mine:comment:' || NEW.id, 'mine', 'comment:' || NEW.id, NEW.participant_id,
      json_build_object('target', 'comment:' || NEW.id, 'status', NEW.status)::jsonb);
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER comments_live AFTER INSERT OR UPDATE OR DELETE ON comments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pgo_live_comment();

CREATE FUNCTION pgo_live_amendment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counted_before boolean := TG_OP <> 'INSERT' AND OLD.state = 'open' AND OLD.moderation = 'published';
  counted_after boolean := TG_OP <> 'DELETE' AND NEW.state = 'open' AND NEW.moderation = 'published';
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.moderation = NEW.moderation THEN
    RETURN NULL;
  END IF;
  IF coalesce(counted_before, false) THEN
    PERFORM pgo_live_change(OLD.consultation_id, 'count:amendment:section:' || OLD.document_id || '/' || OLD.section_id, 'count',
      'section:' || OLD.document_id || '/' || OLD.section_id, NULL,
      json_build_object('kind', 'amendment', 'document', OLD.document_id, 'section', OLD.section_id)::jsonb);
  END IF;
  IF coalesce(counted_after, false) AND NOT coalesce(counted_before, false) THEN
    PERFORM pgo_live_change(NEW.consultation_id, 'count:amendment:section:' || NEW.document_id || '/' || NEW.section_id, 'count',
      'section:' || NEW.document_id || '/' || NEW.section_id, NULL,
      json_build_object('kind', 'amendment', 'document', NEW.document_id, 'section', NEW.section_id)::jsonb);
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- Moderation first (a hidden amendment's state does not matter to its author), then the organisers' decision.
    PERFORM pgo_live_change(NEW.consultation_id, 'mine:amendment:' || NEW.id, 'mine', 'amendment:' || NEW.id, NEW.participant_id,
      json_build_object('target', 'amendment:' || NEW.id,
        'status', CASE WHEN NEW.moderation <> 'published' THEN NEW.moderation ELSE NEW.state END)::jsonb);
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER amendments_live AFTER INSERT OR UPDATE OR DELETE ON amendments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pgo_live_amendment();
