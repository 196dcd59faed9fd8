-- Room on each page for the next version of a row (ADR 12). PostgreSQL writes an updated row as a new version; when
-- no indexed column changed and the page has room, that version stays on the page and no index gets a new entry (a
-- HOT update). Packed full (fillfactor 100, the default), almost no update is HOT.
--
-- person: of its updates per person, the stage moves (letter ready, exported, posted, returned, journey ended) and
-- the remail count and address of a return touch no indexed column and become HOT; classification (grp, reclassify)
-- and the journey start (journey_started_at) touch partial-index predicates and stay non-HOT.
-- letter: recording a drawn letter (content_sha256, pages, rendered_at) becomes HOT; the claim (status, batch_id),
-- the dispatch (status) and a return (status) change indexed columns and stay non-HOT, but their new versions stay
-- on the same page while it has room.
-- engine_command: not changed. Both of its updates (done_at; attempts and next_attempt_at) change columns of its
-- partial indexes, so no fillfactor would make them HOT.
--
-- Applies to pages written from now on; a database filled before this migration keeps its full pages until a
-- VACUUM FULL (or pg_repack) rewrites the table.
alter table person set (fillfactor = 85);
alter table letter set (fillfactor = 80);
