-- The rules each letter's address block was written by (AddressLayout): letters made before the rules followed each
-- country's postal order keep the first rules, so that they regenerate exactly as printed (content_sha256).
-- No default from now on: every new letter states the layout it was made with.
alter table letter add column address_layout smallint not null default 1;
alter table letter alter column address_layout drop default;
