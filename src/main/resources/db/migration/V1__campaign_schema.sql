-- Our own tables live in schema "notify"; Camunda keeps its ACT_* tables in the default schema.
-- Personal data lives here and only here: never in process variables, engine history or logs.

create table campaign (
    id                  bigserial primary key,
    code                text not null unique,
    name                text not null,
    status              text not null,
    round_interval      text not null,
    return_window       text not null,
    batch_size          integer not null,
    batch_max_wait      text not null,
    process_instance_id text,
    created_at          timestamptz not null default now(),
    completed_at        timestamptz
);

create table import_file (
    id            bigserial primary key,
    campaign_id   bigint not null references campaign (id),
    file_type     text not null,
    file_name     text not null,
    sha256        text not null,
    status        text not null,               -- IMPORTED or REFUSED
    rows_read     bigint not null default 0,
    rows_accepted bigint not null default 0,
    rows_rejected bigint not null default 0,
    message       text,
    imported_at   timestamptz not null default now(),
    unique (campaign_id, file_type, sha256)
);

create table rejected_row (
    id             bigserial primary key,
    import_file_id bigint not null references import_file (id),
    line_number    bigint not null,
    record_key     text,
    reason         text not null
);
create index rejected_row_file on rejected_row (import_file_id);

create table person (
    id                   bigserial primary key,
    campaign_id          bigint not null references campaign (id),
    participant_id       text not null,
    bsn                  text not null,
    initials             text,
    surname_prefix       text,
    surname              text not null,
    surname_key          text not null,       -- normalised for matching: case, accents, spaces, hyphens removed
    birth_date           date not null,
    street               text not null,
    house_number         integer not null,
    house_letter         text,
    house_number_suffix  text,
    postcode             text,
    city                 text not null,
    country              text not null,
    language             text not null,
    email                text,
    gp_smear_before_2017 boolean not null,
    deceased_date        date,
    import_file_id       bigint references import_file (id),
    source_line          bigint,
    grp                  text,
    stage                text not null default 'REGISTERED',
    remail_count         integer not null default 0,
    journey_started_at   timestamptz,
    journey_ended_at     timestamptz,
    journey_outcome      text,
    unique (campaign_id, participant_id),
    unique (campaign_id, bsn)
);
create index person_match_key on person (campaign_id, surname_key, birth_date);
create index person_not_started on person (campaign_id) where journey_started_at is null;

create table leaked_record (
    id             bigserial primary key,
    campaign_id    bigint not null references campaign (id),
    dataset        smallint not null,
    lab_record_id  text not null,
    bsn            text,
    surname        text,
    surname_key    text,
    birth_date     date,
    postcode       text,
    match_status   text not null default 'NEW',  -- NEW, LINKED, PROBABLE, CONFLICT, AMBIGUOUS, UNLINKED, LINKED_BY_STAFF, DISMISSED
    person_id      bigint references person (id),
    import_file_id bigint references import_file (id),
    unique (campaign_id, dataset, lab_record_id)
);
create index leaked_record_person on leaked_record (person_id);
create index leaked_record_new on leaked_record (campaign_id) where match_status = 'NEW';

create table match_review (
    id                bigserial primary key,
    campaign_id       bigint not null references campaign (id),
    leaked_record_id  bigint not null unique references leaked_record (id),
    kind              text not null,       -- CONFLICT or AMBIGUOUS
    status            text not null,       -- OPEN or DECIDED
    decision          text,                -- LINK or DISMISS
    decided_person_id bigint references person (id),
    created_at        timestamptz not null default now(),
    decided_at        timestamptz
);

create table match_candidate (
    review_id bigint not null references match_review (id),
    person_id bigint not null references person (id),
    primary key (review_id, person_id)
);
create index match_candidate_person on match_candidate (person_id);

create table print_batch (
    id          text primary key,
    campaign_id bigint not null references campaign (id),
    domestic    boolean not null,
    letters     integer not null,
    pages       integer not null,
    sheets      integer not null,
    status      text not null,
    created_at  timestamptz not null default now()
);

create table letter (
    id               text primary key,     -- unguessable, printed on the letter
    campaign_id      bigint not null references campaign (id),
    person_id        bigint not null references person (id),
    grp              text not null,
    language         text not null,
    kind             text not null,        -- FIRST, REMAIL
    template_version text not null,
    lookup_reference text not null,
    status           text not null,        -- READY, EXPORTED, POSTED, RETURNED
    pages            integer not null,
    sha256           text not null,
    pdf              bytea not null,
    postcode         text,
    house_number     integer not null,
    kix              text,
    country          text not null,
    batch_id         text references print_batch (id),
    print_attempts   integer not null default 0,
    created_at       timestamptz not null default now(),
    exported_at      timestamptz,
    posted_date      date,
    returned_date    date,
    return_reason    text
);
create index letter_ready on letter (campaign_id, postcode, house_number) where status = 'READY';
create index letter_person on letter (person_id);
create index letter_batch on letter (batch_id);

-- The population register as far as we know it (address-updates.csv, or a BRP connection later).
create table register_update (
    id                  bigserial primary key,
    campaign_id         bigint not null references campaign (id),
    bsn                 text not null,
    street              text,
    house_number        integer,
    house_letter        text,
    house_number_suffix text,
    postcode            text,
    city                text,
    country             text,
    deceased_date       date,
    import_file_id      bigint references import_file (id),
    source_line         bigint
);
create index register_update_bsn on register_update (campaign_id, bsn);

create table returned_mail (
    id             bigserial primary key,
    letter_id      text not null references letter (id) unique,
    reason         text not null,
    returned_date  date not null,
    import_file_id bigint references import_file (id)
);

-- Transactional outbox for engine commands: imports and services record what the engine must do, a relay
-- executes them in small chunks (SKIP LOCKED, so several nodes can share the work).
create table engine_command (
    id              bigserial primary key,
    kind            text not null,
    campaign_id     bigint not null,
    target_id       bigint not null,
    letter_id       text,
    reason          text,
    attempts        integer not null default 0,
    last_error      text,
    next_attempt_at timestamptz not null default now(),
    created_at      timestamptz not null default now(),
    done_at         timestamptz
);
create index engine_command_pending on engine_command (next_attempt_at, id) where done_at is null;

create sequence print_batch_seq;
