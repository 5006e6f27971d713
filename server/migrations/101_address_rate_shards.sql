-- Issue 25, session 5. The per-address counters (`w:ip:…`, `n:ip:…`) were one row per address and minute
-- that every write from that address updated: all the writes of one address (everyone behind a city
-- hall's NAT; every vote of the benchmark, sent from 127.0.0.1) queued on that row's lock until their
-- commit, one after another. An address's count is now spread over one row per database connection
-- (`shard` = the backend's pid; a connection runs one transaction at a time, so no two transactions ever
-- wait on each other's row) and the limit is checked on their sum. The sum sees the committed hits and
-- the transaction's own: writes of one address running at the same moment on other connections are not
-- yet seen, so under a burst the address may pass its limit by at most as many writes as there are
-- connections (server/README.md, Deployment). A participant's counter (`w:p:…`) keeps one row (shard
-- 0): their writes already run one after another under their row lock, so their limit stays exact.
ALTER TABLE rate_windows ADD COLUMN shard integer NOT NULL DEFAULT 0;
ALTER TABLE rate_windows DROP CONSTRAINT rate_windows_pkey;
ALTER TABLE rate_windows ADD PRIMARY KEY (key, window_start, shard);

CREATE OR REPLACE FUNCTION pgo_rate_hit(p_key text, p_limit integer, p_now_ms bigint, p_window_ms integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  w bigint := p_now_ms / p_window_ms;
  spread boolean := split_part(p_key, ':', 2) = 'ip';
  s integer := CASE WHEN spread THEN pg_backend_pid() ELSE 0 END;
  hits integer;
BEGIN
  INSERT INTO rate_windows AS r (key, window_start, shard, n) VALUES (p_key, w, s, 1)
    ON CONFLICT (key, window_start, shard) DO UPDATE SET n = r.n + 1
    RETURNING n INTO hits;
  IF hits = 1 THEN
    DELETE FROM rate_windows WHERE key = p_key AND window_start < w;
  END IF;
  IF spread THEN
    SELECT sum(n)::integer INTO hits FROM rate_windows WHERE key = p_key AND window_start = w;
  END IF;
  IF hits <= p_limit THEN
    RETURN 0;
  END IF;
  RETURN greatest(1, ceil(((w + 1) * p_window_ms - p_now_ms) / 1000.0))::integer;
END
$$;
