-- Issue 25. A new proposal in ONE statement (one round trip), as pgo_vote (041) and pgo_register (042):
-- the token, the idempotency key (a repeat answers the stored first answer), the phase (`p_closed`: why it
-- refuses proposals, JSON { title, detail? }, null when open), the shared validator's field errors, the
-- write, the stored answer and the shared rate limits. A new proposal has no votes, answer or comments
-- yet, so the server builds its answer before the call (`p_answer`); the function stores and returns it.
-- A refusal raises `pgo:<code>` (detail: JSON particulars), which rolls back everything.
CREATE FUNCTION pgo_propose(
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
    RAISE EXCEPTION 'pgo:closed' USING DETAIL = p_closed;
  END IF;
  IF jsonb_array_length(p_errors) > 0 THEN
    RAISE EXCEPTION 'pgo:validation' USING DETAIL = json_build_object('title', 'Invalid proposal', 'fieldErrors', p_errors)::text;
  END IF;
  INSERT INTO proposals (id, consultation_id, title, body, category_id, extra, author_name, author_email, participant_id, status, created_at)
    VALUES (p_id, p_consultation, p_title, p_body, p_category, p_extra, p_author_name, p_author_email, start.writer, p_status, p_created_at);
  RETURN pgo_write_end(start.writer, p_key, p_request_hash, 201, p_answer::json, p_ip, p_now_ms, p_per_participant, p_per_ip);
END
$$;
