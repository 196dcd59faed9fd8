-- The relay claims the oldest open commands of its slice (EngineCommandRelay.CLAIM: done_at is null ... order by id
-- limit n). Without an index on the open rows by id, PostgreSQL walks the primary key past every done row: 840 ms
-- per claim with 1.4 million commands, 941,000 of them done. With this one the claim reads the chunk and stops
-- (0.3 ms). ADR 0009 shows both plans.
create index engine_command_open_by_id on engine_command (id) where done_at is null;
-- progress counts per campaign read the open rows only
create index engine_command_open_by_campaign on engine_command (campaign_id) where done_at is null;
