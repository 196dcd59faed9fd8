-- Letters: the archive keeps what was printed instead of the PDF. A letter row holds the content snapshot (name
-- and address as printed, date, references), the template version and its fingerprint, when it was rendered and
-- the SHA-256 of what was drawn; the PDF is regenerated from that, byte for byte, when someone asks for it.
-- 941,000 stored PDFs would have been about 24 GB.
alter table letter
    add column corrective           boolean not null default false,
    add column previous_letter_id   text references letter (id),
    add column template_fingerprint text,
    add column letter_date          date,
    add column initials             text,
    add column surname_prefix       text,
    add column surname              text,
    add column street               text,
    add column house_letter         text,
    add column house_number_suffix  text,
    add column city                 text,
    add column rendered_at          timestamptz;

update letter l set letter_date = l.created_at::date, initials = p.initials, surname_prefix = p.surname_prefix,
                    surname = p.surname, street = p.street, house_letter = p.house_letter,
                    house_number_suffix = p.house_number_suffix, city = p.city
from person p where p.id = l.person_id;

alter table letter
    drop column pdf,
    alter column letter_date set not null,
    alter column surname set not null,
    alter column street set not null,
    alter column city set not null,
    alter column sha256 drop not null;
alter table letter rename column sha256 to content_sha256;

-- FORMATS.md: nobody ever gets two letters for the same group and template version. A returned letter was not
-- received, so its remail may follow; a letter the print house could not post goes back to READY, not here.
create unique index letter_one_per_group_and_version on letter (person_id, grp, template_version)
    where status not in ('RETURNED', 'CANCELLED');

-- Classification runs for all new people of a round at once (see ClassificationService). A person is classified
-- again when new facts arrive: a new link to a leaked record, or a decided review.
alter table person
    add column reclassify      boolean not null default false,
    add column classified_at   timestamptz,
    add column classified_by   text;       -- the decision definition (key:version) that decided the group
create index person_to_classify on person (campaign_id, id) where grp is null or reclassify;

-- Which template set (a folder per version, see LetterTemplates) the campaign's letters use.
alter table campaign add column letter_templates text not null default 'v1';

-- Set for the records one matching run works on, so that people they touch can be classified again.
alter table leaked_record add column matched_in_run boolean not null default false;
