-- Issue 25. An event registration in ONE statement (one round trip), as pgo_vote (041) does for votes:
-- the token, the idempotency key (a repeat answers the stored first answer), the event under its row
-- lock (two last-seat registrations cannot both succeed), the checks in the order the route always
-- made them, the write, the stored answer and the shared rate limits. A refusal raises `pgo:<code>`
-- (detail: JSON { title, detail?, url?, fieldErrors? }), which rolls back everything.
-- `p_errors`: the field errors of the shared validator (src/core/validate.ts), refused after the
-- event's own checks (a missing event is a 404 whatever the body). The answer: { eventId, seatsLeft }.

-- The two ends every one-statement write shares (pgo_register, pgo_propose).
-- Start: the token's participant (401 when unknown) and, for a repeated Idempotency-Key, the stored
-- first answer (`replay`), or a conflict when that key was used for another request or is still running.
CREATE FUNCTION pgo_write_start(p_token_hash text, p_key text, p_request_hash text, OUT writer text, OUT replay json)
LANGUAGE plpgsql AS $$
DECLARE
  stored idempotency_keys%ROWTYPE;
BEGIN
  SELECT t.participant_id INTO writer FROM participant_tokens t WHERE t.token_hash = p_token_hash;
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

-- End: the answer kept for replays, then the shared rate limits (last, so that the busiest row, one
-- address's window, stays locked only until the commit; keys of server/http/rate-limit.ts).
CREATE FUNCTION pgo_write_end(
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
  wait := greatest(pgo_rate_hit('w:p:' || p_per_participant || ':' || p_writer, p_per_participant, p_now_ms, 60000),
    pgo_rate_hit('w:ip:' || p_per_ip || ':' || p_ip, p_per_ip, p_now_ms, 60000));
  IF wait > 0 THEN
    RAISE EXCEPTION 'pgo:rate-limited' USING DETAIL = wait::text;
  END IF;
  RETURN json_build_object('replayed', false, 'status', p_status, 'body', p_answer);
END
$$;

CREATE FUNCTION pgo_register(
  p_token_hash text, p_consultation text, p_event text, p_name text, p_email text, p_errors jsonb,
  p_key text, p_request_hash text, p_ip text, p_now_ms bigint, p_per_participant integer, p_per_ip integer
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  start record;
  ev events%ROWTYPE;
  registered integer;
  already boolean;
  answer json;
BEGIN
  SELECT * INTO start FROM pgo_write_start(p_token_hash, p_key, p_request_hash);
  IF start.replay IS NOT NULL THEN
    RETURN start.replay;
  END IF;
  SELECT * INTO ev FROM events WHERE id = p_event AND consultation_id = p_consultation FOR UPDATE;
  IF NOT FOUND OR ev.moderation <> 'approved' THEN
    RAISE EXCEPTION 'pgo:not-found' USING DETAIL = json_build_object('title', 'No such event')::text;
  END IF;
  IF ev.registration_kind <> 'inline' THEN
    -- The client's case (a 4xx): where to register instead, when there is a page.
    RAISE EXCEPTION 'pgo:closed' USING DETAIL = json_strip_nulls(json_build_object('title', 'This event takes no registration here',
      'url', ev.registration_url, 'detail', 'Register at ' || ev.registration_url))::text;
  END IF;
  IF ev.status IN ('cancelled', 'postponed') THEN
    RAISE EXCEPTION 'pgo:closed' USING DETAIL = json_build_object('title', 'This event is ' || ev.status)::text;
  END IF;
  IF ev.ends_at < to_timestamp(p_now_ms / 1000.0) THEN
    RAISE EXCEPTION 'pgo:closed' USING DETAIL = json_build_object('title', 'This event is over')::text;
  END IF;
  IF jsonb_array_length(p_errors) > 0 THEN
    RAISE EXCEPTION 'pgo:validation' USING DETAIL = json_build_object('title', 'Invalid registration', 'fieldErrors', p_errors)::text;
  END IF;
  SELECT count(*)::int INTO registered FROM registrations WHERE event_id = ev.id;
  already := EXISTS (SELECT 1 FROM registrations WHERE event_id = ev.id AND participant_id = start.writer);
  IF NOT already THEN
    IF ev.capacity IS NOT NULL AND registered >= ev.capacity THEN
      RAISE EXCEPTION 'pgo:limit-reached' USING DETAIL = json_build_object('title', 'This event is full')::text;
    END IF;
    INSERT INTO registrations (event_id, participant_id, name, email) VALUES (ev.id, start.writer, p_name, p_email);
  END IF;
  answer := json_build_object('eventId', ev.id, 'seatsLeft',
    CASE WHEN ev.capacity IS NULL THEN NULL ELSE greatest(0, ev.capacity - registered - CASE WHEN already THEN 0 ELSE 1 END) END);
  RETURN pgo_write_end(start.writer, p_key, p_request_hash, 201, answer, p_ip, p_now_ms, p_per_participant, p_per_ip);
END
$$;
