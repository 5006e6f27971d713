-- Issue 25. Tallies become counters kept by the database itself: a trigger on `votes` moves
-- `proposal_tallies` in the same transaction as every insert, change or delete of a vote, whoever
-- writes it (the vote function, the seed, an organiser's tool), so reading a tally never counts rows.
CREATE TABLE proposal_tallies (
  proposal_id text NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  choice text NOT NULL,
  n integer NOT NULL DEFAULT 0 CHECK (n >= 0),
  PRIMARY KEY (proposal_id, choice)
);
INSERT INTO proposal_tallies (proposal_id, choice, n) SELECT proposal_id, choice, count(*) FROM votes GROUP BY proposal_id, choice;

-- A changed choice moves two counters in one UPDATE (rows locked in index order, so two opposite
-- changes on one proposal cannot deadlock).
CREATE FUNCTION pgo_count_vote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO proposal_tallies AS t (proposal_id, choice, n) VALUES (NEW.proposal_id, NEW.choice, 1)
      ON CONFLICT (proposal_id, choice) DO UPDATE SET n = t.n + 1;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE proposal_tallies SET n = n - 1 WHERE proposal_id = OLD.proposal_id AND choice = OLD.choice;
  ELSIF OLD.proposal_id = NEW.proposal_id THEN
    IF OLD.choice <> NEW.choice THEN
      INSERT INTO proposal_tallies (proposal_id, choice, n) VALUES (NEW.proposal_id, NEW.choice, 0) ON CONFLICT DO NOTHING;
      UPDATE proposal_tallies SET n = n + CASE WHEN choice = NEW.choice THEN 1 ELSE -1 END
        WHERE proposal_id = NEW.proposal_id AND choice IN (OLD.choice, NEW.choice);
    END IF;
  ELSE
    UPDATE proposal_tallies SET n = n - 1 WHERE proposal_id = OLD.proposal_id AND choice = OLD.choice;
    INSERT INTO proposal_tallies AS t (proposal_id, choice, n) VALUES (NEW.proposal_id, NEW.choice, 1)
      ON CONFLICT (proposal_id, choice) DO UPDATE SET n = t.n + 1;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER votes_counted AFTER INSERT OR DELETE OR UPDATE ON votes FOR EACH ROW EXECUTE FUNCTION pgo_count_vote();

-- Rate limits shared by every server process: one fixed window per key (`w:p:<limit>:<participant>`,
-- `w:ip:<limit>:<address>`, `n:ip:<limit>:<address>`). A key's older windows are deleted when its new one opens.
CREATE TABLE rate_windows (
  key text NOT NULL,
  window_start bigint NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- Counts one hit; returns the seconds to wait when it is over `p_limit`, else 0.
CREATE FUNCTION pgo_rate_hit(p_key text, p_limit integer, p_now_ms bigint, p_window_ms integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  w bigint := p_now_ms / p_window_ms;
  hits integer;
BEGIN
  INSERT INTO rate_windows AS r (key, window_start, n) VALUES (p_key, w, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET n = r.n + 1
    RETURNING n INTO hits;
  IF hits = 1 THEN
    DELETE FROM rate_windows WHERE key = p_key AND window_start < w;
  END IF;
  IF hits <= p_limit THEN
    RETURN 0;
  END IF;
  RETURN greatest(1, ceil(((w + 1) * p_window_ms - p_now_ms) / 1000.0))::integer;
END
$$;
