-- The relay's claim (EngineCommandRelay.CLAIM) must walk the open commands in id order and stop after its chunk
-- (ADR 0009). With statistics taken while the table was empty or every command done, PostgreSQL expects one open
-- row, and then any index on the open rows looks as good: in the 100,000-person benchmark it scanned the (tiny,
-- deduplicated) per-campaign index, read every open command and sorted them, 15-20 ms a claim instead of 0.3 ms,
-- a tenth of PostgreSQL's time while journeys started and letters were posted. With one index on the open rows left,
-- the one that gives id order, no such plan exists. The per-campaign counts read the open rows through it too: the
-- open rows of all campaigns instead of one, the same for the usual single campaign.
drop index engine_command_pending;
drop index engine_command_open_by_campaign;
