-- A file keeps at most 10,000 of its rejected rows with line and reason (RejectionLog); the rest are only counted.
alter table import_file add column rejected_not_listed bigint not null default 0;

-- The rejected-rows download streams each file's rows in line order straight from this index.
create index rejected_row_file_line on rejected_row (import_file_id, line_number);
drop index rejected_row_file;
