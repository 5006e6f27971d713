-- Issue 20, review of session 2: a section target names its document (`section:DOCUMENT/SECTION`, section ids
-- repeat in every document), and the one pinned comment is per consultation and target. Rows written
-- before on a bare `section:ID` stay in the table (NOT VALID: the rule applies to rows written from now on).
ALTER TABLE comments DROP CONSTRAINT comments_target_check;
ALTER TABLE comments ADD CONSTRAINT comments_target_check
  CHECK (target ~ '^((proposal|event|amendment):[A-Za-z0-9_.:-]{1,120}|section:[A-Za-z0-9_.:-]{1,120}/[A-Za-z0-9_.:-]{1,120})$') NOT VALID;
DROP INDEX comments_one_pinned;
CREATE UNIQUE INDEX comments_one_pinned ON comments (consultation_id, target) WHERE pinned;
