-- A person's stage is one of journey.PersonStage (written by journey.Journeys only); the database refuses any other.
-- PersonStageTest fails the build when this list and the enum differ.
alter table person add constraint person_stage_known check (stage in (
    'REGISTERED', 'HELD', 'RELEASED', 'CLASSIFIED', 'NOT_NOTIFIED', 'QUEUED', 'CORRECTION_QUEUED', 'LETTER_READY',
    'EXPORTED', 'POSTED', 'RETURNED', 'ENDED'));
