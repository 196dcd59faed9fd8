-- A file taken from a campaign's inbox is claimed here before it is moved to inbox/<code>/.processing/, and released
-- after it has been imported and moved out again. The claim names the node and the run (one start of the
-- application) that holds it and is renewed while the import lasts; a claim whose lease has run out, or that an
-- earlier run of the same node left behind, belongs to a process that died, and any node may take the file over.
create table inbox_claim (
    campaign_id bigint not null references campaign (id),
    file_name   text not null,
    node        text not null,
    run_id      text not null,
    claimed_at  timestamptz not null default now(),
    lease_until timestamptz not null,
    primary key (campaign_id, file_name)
);
