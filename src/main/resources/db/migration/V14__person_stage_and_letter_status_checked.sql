-- A person's stage is one of journey.PersonStage (written by journey.Journeys only), a letter's status one of
-- letter.LetterStatus (written by letter.LetterService when made, by letter.LetterStatuses after); the database
-- refuses any other. PersonStageTest and LetterStatusTest fail the build when these lists and the enums differ.
alter table person add constraint person_stage_known check (stage in (
    'REGISTERED', 'HELD', 'RELEASED', 'CLASSIFIED', 'NOT_NOTIFIED', 'QUEUED', 'CORRECTION_QUEUED', 'LETTER_READY',
    'EXPORTED', 'POSTED', 'RETURNED', 'ENDED'));

alter table letter add constraint letter_status_known check (status in ('READY', 'EXPORTED', 'POSTED', 'RETURNED'));

-- No letter was ever CANCELLED (nothing wrote that status); the one-letter-per-group rule says so now.
drop index letter_one_per_group_and_version;
create unique index letter_one_per_group_and_version on letter (person_id, grp, template_version)
    where status <> 'RETURNED';
