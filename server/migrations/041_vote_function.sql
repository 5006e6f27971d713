-- Issue 25. A vote, a change of choice or a withdrawal in ONE statement (one round trip): the token,
-- the participant's row lock (their writes run one after another, so the limit holds under races),
-- the idempotency key (a repeat answers the stored first answer), the phase, the proposal, the limit,
-- the write (the trigger moves the tally), the shared rate limits and the answer's data. A refusal
-- raises `pgo:<code>` (detail: its particulars), which rolls back everything: refusals are stored
-- nowhere. `p_choice` null = withdraw. `p_closed`: why the phase refuses votes, null when open.
-- The answer `{ replayed, status, body }`: body = { hidden, counts, participant, votes, registrations },
-- the data the server turns into { tally, participation } (server/store/vote-write.ts); it is what
-- the idempotency row keeps, so a replay is built from the same data as the first answer.
CREATE FUNCTION pgo_vote(
  p_token_hash text, p_consultation text, p_proposal text, p_choice text, p_limit integer, p_withdrawal boolean,
  p_key text, p_request_hash text, p_hidden boolean, p_closed text,
  p_ip text, p_now_ms bigint, p_per_participant integer, p_per_ip integer, p_close_when_answered boolean
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  who participants%ROWTYPE;
  stored idempotency_keys%ROWTYPE;
  proposal_status text;
  previous text;
  used integer;
  wait integer;
  answer json;
BEGIN
  SELECT p.* INTO who FROM participant_tokens t JOIN participants p ON p.id = t.participant_id
    WHERE t.token_hash = p_token_hash FOR UPDATE OF p;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'pgo:unauthorized';
  END IF;
  IF p_key IS NOT NULL THEN
    SELECT * INTO stored FROM idempotency_keys WHERE scope = 'p:' || who.id AND key = p_key;
    IF FOUND THEN
      IF stored.request_hash <> p_request_hash OR stored.status IS NULL THEN
        RAISE EXCEPTION 'pgo:conflict' USING DETAIL = CASE WHEN stored.status IS NULL THEN 'running' ELSE 'reused' END;
      END IF;
      RETURN json_build_object('replayed', true, 'status', stored.status, 'body', stored.body);
    END IF;
  END IF;
  IF p_closed IS NOT NULL THEN
    RAISE EXCEPTION 'pgo:closed' USING DETAIL = p_closed;
  END IF;
  SELECT status INTO proposal_status FROM proposals WHERE id = p_proposal AND consultation_id = p_consultation;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'pgo:not-found';
  END IF;
  -- Votes go to published proposals only; a withdrawal works whatever the status (#26 defect 1).
  IF p_choice IS NOT NULL AND proposal_status <> 'published' THEN
    RAISE EXCEPTION 'pgo:closed' USING DETAIL = 'This proposal is ' || proposal_status;
  END IF;
  -- src/core/answers.ts, votingClosedByAnswer: an answer other than 'under-study' closes the voting.
  IF p_choice IS NOT NULL AND p_close_when_answered
    AND EXISTS (SELECT 1 FROM proposal_answers WHERE proposal_id = p_proposal AND state <> 'under-study') THEN
    RAISE EXCEPTION 'pgo:closed' USING DETAIL = 'This proposal has been answered';
  END IF;
  SELECT choice INTO previous FROM votes WHERE participant_id = who.id AND proposal_id = p_proposal;
  IF p_choice IS NULL THEN
    IF NOT p_withdrawal THEN
      RAISE EXCEPTION 'pgo:forbidden' USING DETAIL = 'final';
    END IF;
    IF previous IS NOT NULL THEN
      DELETE FROM votes WHERE participant_id = who.id AND proposal_id = p_proposal;
    END IF;
  ELSIF previous IS NULL THEN
    IF p_limit IS NOT NULL THEN
      -- A vote counts only while its proposal is published (store/votes.ts, COUNTED_VOTE).
      SELECT count(*) INTO used FROM votes v JOIN proposals cp ON cp.id = v.proposal_id
        WHERE v.participant_id = who.id AND v.consultation_id = p_consultation AND cp.status = 'published';
      IF used >= p_limit THEN
        RAISE EXCEPTION 'pgo:limit-reached' USING DETAIL = 'Each participant may vote for ' || p_limit || ' proposals';
      END IF;
    END IF;
    INSERT INTO votes (participant_id, proposal_id, consultation_id, choice) VALUES (who.id, p_proposal, p_consultation, p_choice);
  ELSIF previous <> p_choice THEN
    IF NOT p_withdrawal THEN
      RAISE EXCEPTION 'pgo:forbidden' USING DETAIL = 'final';
    END IF;
    UPDATE votes SET choice = p_choice WHERE participant_id = who.id AND proposal_id = p_proposal;
  END IF;
  answer := json_build_object(
    'hidden', p_hidden,
    'counts', (SELECT json_object_agg(choice, n ORDER BY choice) FROM proposal_tallies WHERE proposal_id = p_proposal AND n > 0),
    'participant', json_build_object('id', who.id, 'displayName', who.display_name, 'verified', who.verified),
    'votes', (SELECT coalesce(json_agg(json_build_array(v.proposal_id, v.choice) ORDER BY v.created_at, v.proposal_id), '[]')
      FROM votes v JOIN proposals cp ON cp.id = v.proposal_id
      WHERE v.participant_id = who.id AND v.consultation_id = p_consultation AND cp.status = 'published'),
    'registrations', (SELECT coalesce(json_agg(r.event_id ORDER BY r.created_at, r.event_id), '[]') FROM registrations r
      JOIN events e ON e.id = r.event_id WHERE r.participant_id = who.id AND e.consultation_id = p_consultation));
  IF p_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (scope, key, request_hash, status, body) VALUES ('p:' || who.id, p_key, p_request_hash, 200, answer)
      ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'pgo:conflict' USING DETAIL = 'running';
    END IF;
  END IF;
  -- Last, so that the busiest row (one address's window) stays locked only until the commit.
  -- The keys of server/http/rate-limit.ts: family, limit, who.
  wait := greatest(pgo_rate_hit('w:p:' || p_per_participant || ':' || who.id, p_per_participant, p_now_ms, 60000),
    pgo_rate_hit('w:ip:' || p_per_ip || ':' || p_ip, p_per_ip, p_now_ms, 60000));
  IF wait > 0 THEN
    RAISE EXCEPTION 'pgo:rate-limited' USING DETAIL = wait::text;
  END IF;
  RETURN json_build_object('replayed', false, 'status', 200, 'body', answer);
END
$$;
