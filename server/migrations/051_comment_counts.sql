-- Issue 20: the comment count each proposal of a list shows, counted by an index.
CREATE INDEX comments_published_by_target ON comments (target) WHERE status = 'published';
