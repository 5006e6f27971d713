-- Issue 25, session 5. Live changes (migration 080) took one lock per consultation, exclusive, at the commit
-- of every write that records a change: every vote of a consultation committed one after another, each
-- waiting for the previous one's commit (at 200 connections on 2 cores, a queue where each hand-over
-- waits for the next process to be scheduled). The lock kept sequence order equal to commit order, so
-- that a reader having seen seq n had seen every lower one.
-- Now writers take that lock SHARED (they no longer wait for each other) and readers ask for a horizon:
-- `pgo_live_horizon` takes the lock exclusive for an instant, which waits until every write of the
-- consultation holding a sequence number has ended, and returns the last number given out. Every change
-- of the consultation up to it is then committed (or rolled back) and seen by the reader's next statement;
-- a write that takes the lock afterwards gets a higher number. Readers read up to the horizon and resume
-- from it (server/live/hub.ts). Readers come at most once per interval per consultation and process.
CREATE OR REPLACE FUNCTION pgo_live_change(p_consultation text, p_topic text, p_kind text, p_ref text, p_participant text, p_data jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(74112023, hashtext(p_consultation));
  INSERT INTO live_changes AS l (consultation_id, topic, kind, ref, participant_id, data, seq)
    VALUES (p_consultation, p_topic, p_kind, p_ref, p_participant, coalesce(p_data, '{}'), nextval('live_seq'))
    ON CONFLICT (consultation_id, topic) DO UPDATE
      SET kind = EXCLUDED.kind, ref = EXCLUDED.ref, participant_id = EXCLUDED.participant_id, data = EXCLUDED.data, seq = EXCLUDED.seq;
  PERFORM pg_notify('pgo_live', p_consultation);
END
$$;

-- Call it alone (its own transaction): the lock is held until the end of the calling transaction.
CREATE FUNCTION pgo_live_horizon(p_consultation text) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(74112023, hashtext(p_consultation));
  RETURN (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM live_seq);
END
$$;
