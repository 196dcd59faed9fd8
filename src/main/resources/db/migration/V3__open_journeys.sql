-- A person can have more than one journey (a corrective journey follows a changed group), so the person's
-- journey is over when the last of them ends: a counter, raised when a start is queued, lowered when one ends.
alter table person add column open_journeys integer not null default 0;
update person set open_journeys = 1 where journey_started_at is not null and journey_ended_at is null;

-- Matching now keeps the records of its run in a temporary table instead of flagging them.
alter table leaked_record drop column matched_in_run;
