-- "Close due return windows" queues its letters 10,000 per transaction (ADR 14) and continues each chunk where the
-- last one ended: a keyset on (return_window_ends_at, id). The letters closed by earlier chunks stay in this partial
-- index as dead entries until vacuum (the relay's transactions hold the horizon back), and a chunk that started from
-- the beginning would walk past all of them, as the outbox claim once did (ADR 9); one that starts past the
-- previous chunk's last letter does not.
drop index letter_return_window_open;
create index letter_return_window_open on letter (campaign_id, return_window_ends_at, id)
    where window_closed_at is null and return_window_ends_at is not null;
