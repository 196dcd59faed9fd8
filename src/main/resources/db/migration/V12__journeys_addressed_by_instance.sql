-- The journey core addresses each person's journey by its process instance (ADR 10): the letter records the
-- journey that waits for it, when its return window ends and when the campaign closed that window.
alter table letter add column journey_instance_id text;
alter table letter add column return_window_ends_at timestamptz;
alter table letter add column window_closed_at timestamptz;

-- "Close due return windows" reads only the posted letters whose window is still open: constant cost per round,
-- however many letters are done.
create index letter_return_window_open on letter (campaign_id, return_window_ends_at)
    where window_closed_at is null and return_window_ends_at is not null;

-- Journeys started before this version carry their letter as a process variable; Camunda's tables (schema public)
-- already exist when Flyway runs (ADR 2).
do $$
begin
    if to_regclass('public.act_ru_variable') is not null then
        update letter l set journey_instance_id = v.proc_inst_id_
        from public.act_ru_variable v
        where v.name_ = 'letterId' and v.text_ = l.id and v.proc_inst_id_ is not null;
    end if;
end $$;

-- Journeys start a chunk of people at a time, in id order: the next chunk is read from this index, not sorted out of
-- every person not yet started.
drop index person_not_started;
create index person_not_started on person (campaign_id, id) where journey_started_at is null;
