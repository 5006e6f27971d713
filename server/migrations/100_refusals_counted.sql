-- Issue 25. A refused write counts against the write rate limits (a flood of refused writes ends in 429),
-- and is still stored nowhere. The one-statement writes no longer raise their refusals (raising rolled
-- back the rate hit with everything else): they find the refusal before writing anything, count the hit,
-- and return the refusal as a value, `{ refused: code, detail }`, that server/store/write-function.ts
-- turns into the same problem as before. Every refusal is decided before the first write of its
-- function, so nothing needs undoing and no savepoint (subtransaction) is paid on the common path;
-- the few refusals that can only come after the write (over the rate limit, a key written meanwhile
-- by another process) still raise and roll everything back. Not counted, as before: an unknown token
-- (no participant to count) and a replayed or conflicting Idempotency-Key.
-- pgo_vote now stands on pgo_write_start/pgo_write_end too (one copy of the token, replay, stored-answer
-- and rate-limit steps); pgo_write_start locks the participant's row, as pgo_vote always did: a
-- participant's writes run one after another, so limits hold under races and a repeated key arriving
-- while its first request runs waits for it and answers its stored answer.

-- The shared rate limits of one write: seconds to wait, 0 when within (keys of server/http/rate-limit.ts).
CREATE FUNCTION pgo_write_rate(p_writer text, p_ip text, p_now_ms bigint, p_per_participant integer, p_per_ip integer)
RETURNS integer LANGUAGE sql AS $$
  SELECT greatest(pgo_rate_hit('w:p:' || p_per_participant || ':' || p_writer, p_per_participant, p_now_ms, 60000),
    pgo_rate_hit('w:ip:' || p_per_ip || ':' || p_ip, p_per_ip, p_now_ms, 60000));
$$;

CREATE OR REPLACE FUNCTION pgo_write_start(p_token_hash text, p_key text, p_request_hash text, OUT writer text, OUT replay json)
LANGUAGE plpgsql AS $$
DECLARE
  stored idempotency_keys%ROWTYPE;
BEGIN
  SELECT p.id INTO writer FROM participant_tokens t JOIN participants p ON p.id = t.participant_id
    WHERE t.token_hash = p_token_hash FOR UPDATE OF p;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'pgo:unauthorized';
  END IF;
  IF p_key IS NOT NULL THEN
    SELECT * INTO stored FROM idempotency_keys WHERE scope = 'p:' || writer AND key = p_key;
    IF FOUND THEN
      IF stored.request_hash <> p_request_hash OR stored.status IS NULL THEN
        RAISE EXCEPTION 'pgo:conflict' USING DETAIL = CASE WHEN stored.status IS NULL THEN 'running' ELSE 'reused' END;
      END IF;
      replay := json_build_object('replayed', true, 'status', stored.status, 'body', stored.body);
    END IF;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION pgo_write_end(
  p_writer text, p_key text, p_request_hash text, p_status integer, p_answer json,
  p_ip text, p_now_ms bigint, p_per_participant integer, p_per_ip integer
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  wait integer;
BEGIN
  IF p_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (scope, key, request_hash, status, body) VALUES ('p:' || p_writer, p_key, p_request_hash, p_status, p_answer)
      ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'pgo:conflict' USING DETAIL = 'running';
    END IF;
  END IF;
  -- Last, so that the busiest row (one address's window) stays locked only until the commit.
  wait := pgo_write_rate(p_writer, p_ip, p_now_ms, p_per_participant, p_per_ip);
  IF wait > 0 THEN
    RAISE EXCEPTION 'pgo:rate-limited' USING DETAIL = wait::text;
  END IF;
  RETURN json_build_object('replayed', false, 'status', p_status, 'body', p_answer);
END
$$;

-- A refusal found before any write: the hit counts (kept at the commit), the answer is the refusal, or
-- 'rate-limited' once the writer or the address is over its limit.
CREATE FUNCTION pgo_write_refused(
  p_writer text, p_code text, p_detail text, p_ip text, p_now_ms bigint, p_per_participant integer, p_per_ip integer
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  wait integer := pgo_write_rate(p_writer, p_ip, p_now_ms, p_per_participant, p_per_ip);
BEGIN
  IF wait > 0 THEN
    RETURN json_build_object('refused', 'rate-limited', 'detail', wait::text);
  END IF;
  RETURN json_build_object('refused', p_code, 'detail', p_detail);
END
$$;

-- As in 041 (same parameters and answer), on the shared start and end; refusals returned, not raised.
CREATE OR REPLACE FUNCTION pgo_vote(
  p_token_hash text, p_consultation text, p_proposal text, p_choice text, p_limit integer, p_withdrawal boolean,
  p_key text, p_request_hash text, p_hidden boolean, p_closed text,
  p_ip text, p_now_ms bigint, p_per_participant integer, p_per_ip integer, p_close_when_answered boolean
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  start record;
  who participants%ROWTYPE;
  proposal_status text;
  previous text;
  used integer;
  refusal text;
  particulars text;
BEGIN
  SELECT * INTO start FROM pgo_write_start(p_token_hash, p_key, p_request_hash);
  IF start.replay IS NOT NULL THEN
    RETURN start.replay;
  END IF;
  <<checks>>
  BEGIN
    IF p_closed IS NOT NULL THEN
      refusal := 'closed'; particulars := p_closed; EXIT checks;
    END IF;
    SELECT status INTO proposal_status FROM proposals WHERE id = p_proposal AND consultation_id = p_consultation;
    IF NOT FOUND THEN
      refusal := 'not-found'; EXIT checks;
    END IF;
    -- Votes go to published proposals only; a withdrawal works whatever the status (#26 defect 1).
    IF p_choice IS NOT NULL AND proposal_status <> 'published' THEN
      refusal := 'closed'; particulars := 'This proposal is ' || proposal_status; EXIT checks;
    END IF;
    -- src/core/answers.ts, votingClosedByAnswer: an answer other than 'under-study' closes the voting.
    IF p_choice IS NOT NULL AND p_close_when_answered
      AND EXISTS (SELECT 1 FROM proposal_answers WHERE proposal_id = p_proposal AND state <> 'under-study') THEN
      refusal := 'closed'; particulars := 'This proposal has been answered'; EXIT checks;
    END IF;
    SELECT choice INTO previous FROM votes WHERE participant_id = start.writer AND proposal_id = p_proposal;
    IF NOT p_withdrawal AND (p_choice IS NULL OR previous <> p_choice) THEN
      refusal := 'forbidden'; particulars := 'final'; EXIT checks;
    END IF;
    IF p_choice IS NOT NULL AND previous IS NULL AND p_limit IS NOT NULL THEN
      -- A vote counts only while its proposal is published (store/votes.ts, COUNTED_VOTE).
      SELECT count(*) INTO used FROM votes v JOIN proposals cp ON cp.id = v.proposal_id
        WHERE v.participant_id = start.writer AND v.consultation_id = p_consultation AND cp.status = 'published';
      IF used >= p_limit THEN
        refusal := 'limit-reached'; particulars := 'Each participant may vote for ' || p_limit || ' proposals'; EXIT checks;
      END IF;
    END IF;
  END checks;
  IF refusal IS NOT NULL THEN
    RETURN pgo_write_refused(start.writer, refusal, particulars, p_ip, p_now_ms, p_per_participant, p_per_ip);
  END IF;
  IF p_choice IS NULL THEN
    IF previous IS NOT NULL THEN
      DELETE FROM votes WHERE participant_id = start.writer AND proposal_id = p_proposal;
    END IF;
  ELSIF previous IS NULL THEN
    INSERT INTO votes (participant_id, proposal_id, consultation_id, choice) VALUES (start.writer, p_proposal, p_consultation, p_choice);
  ELSIF previous <> p_choice THEN
    UPDATE votes SET choice = p_choice WHERE participant_id = start.writer AND proposal_id = p_proposal;
  END IF;
  SELECT * INTO who FROM participants WHERE id = start.writer;
  RETURN pgo_write_end(start.writer, p_key, p_request_hash, 200, json_build_object(
    'hidden', p_hidden,
    'counts', (SELECT json_object_agg(choice, n ORDER BY choice) FROM proposal_tallies WHERE proposal_id = p_proposal AND n > 0),
    'participant', json_build_object('id', who.id, 'displayName', who.display_name, 'verified', who.verified),
    'votes', (SELECT coalesce(json_agg(json_build_array(v.proposal_id, v.choice) ORDER BY v.created_at, v.proposal_id), '[]')
      FROM votes v JOIN proposals cp ON cp.id = v.proposal_id
      WHERE v.participant_id = who.id AND v.consultation_id = p_consultation AND cp.status = 'published'),
    'registrations', (SELECT coalesce(json_agg(r.event_id ORDER BY r.created_at, r.event_id), '[]') FROM registrations r
      JOIN events e ON e.id = r.event_id WHERE r.participant_id = who.id AND e.consultation_id = p_consultation)),
    p_ip, p_now_ms, p_per_participant, p_per_ip);
END
$$;

-- As in 042; refusals returned, not raised.
CREATE OR REPLACE FUNCTION pgo_register(
  p_token_hash text, p_consultation text, p_event text, p_name text, p_email text, p_errors jsonb,
  p_key text, p_request_hash text, p_ip text, p_now_ms bigint, p_per_participant integer, p_per_ip integer
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  start record;
  ev events%ROWTYPE;
  registered integer;
  already boolean;
  refusal text;
  particulars json;
BEGIN
  SELECT * INTO start FROM pgo_write_start(p_token_hash, p_key, p_request_hash);
  IF start.replay IS NOT NULL THEN
    RETURN start.replay;
  END IF;
  <<checks>>
  BEGIN
    SELECT * INTO ev FROM events WHERE id = p_event AND consultation_id = p_consultation FOR UPDATE;
    IF NOT FOUND OR ev.moderation <> 'approved' THEN
      refusal := 'not-found'; particulars := json_build_object('title', 'No such event'); EXIT checks;
    END IF;
    IF ev.registration_kind <> 'inline' THEN
      -- The client's case (a 4xx): where to register instead, when there is a page.
      refusal := 'closed'; particulars := json_strip_nulls(json_build_object('title', 'This event takes no registration here',
        'url', ev.registration_url, 'detail', 'Register at ' || ev.registration_url)); EXIT checks;
    END IF;
    IF ev.status IN ('cancelled', 'postponed') THEN
      refusal := 'closed'; particulars := json_build_object('title', 'This event is ' || ev.status); EXIT checks;
    END IF;
    IF ev.ends_at < to_timestamp(p_now_ms / 1000.0) THEN
      refusal := 'closed'; particulars := json_build_object('title', 'This event is over'); EXIT checks;
    END IF;
    IF jsonb_array_length(p_errors) > 0 THEN
      refusal := 'validation'; particulars := json_build_object('title', 'Invalid registration', 'fieldErrors', p_errors); EXIT checks;
    END IF;
    SELECT count(*)::int INTO registered FROM registrations WHERE event_id = ev.id;
    already := EXISTS (SELECT 1 FROM registrations WHERE event_id = ev.id AND participant_id = start.writer);
    IF NOT already AND ev.capacity IS NOT NULL AND registered >= ev.capacity THEN
      refusal := 'limit-reached'; particulars := json_build_object('title', 'This event is full'); EXIT checks;
    END IF;
  END checks;
  IF refusal IS NOT NULL THEN
    RETURN pgo_write_refused(start.writer, refusal, particulars::text, p_ip, p_now_ms, p_per_participant, p_per_ip);
  END IF;
  IF NOT already THEN
    INSERT INTO registrations (event_id, participant_id, name, email) VALUES (ev.id, start.writer, p_name, p_email);
  END IF;
  RETURN pgo_write_end(start.writer, p_key, p_request_hash, 201, json_build_object('eventId', ev.id, 'seatsLeft',
    CASE WHEN ev.capacity IS NULL THEN NULL ELSE greatest(0, ev.capacity - registered - CASE WHEN already THEN 0 ELSE 1 END) END),
    p_ip, p_now_ms, p_per_participant, p_per_ip);
END
$$;

-- As in 043; refusals returned, not raised.
CREATE OR REPLACE FUNCTION pgo_propose(
  p_token_hash text, p_consultation text, p_id text, p_title text, p_body text, p_category text, p_extra jsonb,
  p_author_name text, p_author_email text, p_status text, p_created_at timestamptz, p_closed text, p_errors jsonb,
  p_answer jsonb, p_key text, p_request_hash text, p_ip text, p_now_ms bigint, p_per_participant integer, p_per_ip integer
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  start record;
BEGIN
  SELECT * INTO start FROM pgo_write_start(p_token_hash, p_key, p_request_hash);
  IF start.replay IS NOT NULL THEN
    RETURN start.replay;
  END IF;
  IF p_closed IS NOT NULL THEN
    RETURN pgo_write_refused(start.writer, 'closed', p_closed, p_ip, p_now_ms, p_per_participant, p_per_ip);
  END IF;
  IF jsonb_array_length(p_errors) > 0 THEN
    RETURN pgo_write_refused(start.writer, 'validation', json_build_object('title', 'Invalid proposal', 'fieldErrors', p_errors)::text,
      p_ip, p_now_ms, p_per_participant, p_per_ip);
  END IF;
  INSERT INTO proposals (id, consultation_id, title, body, category_id, extra, author_name, author_email, participant_id, status, created_at)
    VALUES (p_id, p_consultation, p_title, p_body, p_category, p_extra, p_author_name, p_author_email, start.writer, p_status, p_created_at);
  RETURN pgo_write_end(start.writer, p_key, p_request_hash, 201, p_answer::json, p_ip, p_now_ms, p_per_participant, p_per_ip);
END
$$;
