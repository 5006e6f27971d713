-- Issue 22 with issue 21: a report's amendment rows become amendments of the collaborative text, pending with
-- the report (moderation 'pending'); deciding the report decides them with its proposals, in the same
-- transaction (the trigger); each may also be decided on its own (kind 'amendment' in the moderation queue).
ALTER TABLE workshop_contributions ADD COLUMN document_id text;
ALTER TABLE workshop_contributions ADD COLUMN amendment_id text UNIQUE REFERENCES amendments (id);

CREATE OR REPLACE FUNCTION pgo_workshop_report_decided() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('published', 'hidden') THEN
    UPDATE proposals p SET status = NEW.status
      FROM workshop_contributions c
      WHERE c.report_id = NEW.id AND c.proposal_id = p.id AND p.status = 'pending';
    UPDATE amendments a SET moderation = NEW.status
      FROM workshop_contributions c
      WHERE c.report_id = NEW.id AND c.amendment_id = a.id AND a.moderation = 'pending';
  END IF;
  RETURN NULL;
END
$$;
