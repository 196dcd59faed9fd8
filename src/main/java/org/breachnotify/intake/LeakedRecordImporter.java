package org.breachnotify.intake;

import org.breachnotify.platform.PgCopy;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.breachnotify.register.Postcode;
import org.breachnotify.register.SurnameKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Stores leaked records; matching picks up every record still marked NEW. */
@Component
class LeakedRecordImporter implements FileImporter {
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;

    LeakedRecordImporter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FileType type() {
        return FileType.LEAKED_RECORDS;
    }

    @Override
    public Optional<String> filledTable() {
        return Optional.of("leaked_record");
    }

    @Override
    public ReadCounts importRows(ImportContext ctx, InputStream in) throws IOException, FileRefusedException {
        jdbc.execute("create temporary table stage_leaked (like leaked_record including defaults) on commit drop");
        jdbc.execute("alter table stage_leaked add column source_line bigint");
        BatchingSink<LeakedRecordRow> sink = new BatchingSink<>(ctx.rejections(), BATCH, rows -> stage(ctx, rows));
        ReadCounts parsed = CsvReaders.readLeakedRecords(ctx.fileName(), in, sink);
        sink.finish();
        // Every repeat leaves the stage; the first of them, up to the file's room in the list, are listed.
        Map<String, Object> n = jdbc.queryForMap("""
                with ranked as (
                    select s.source_line, s.dataset, s.lab_record_id,
                           first_value(s.source_line) over (partition by s.dataset, s.lab_record_id
                                                            order by s.source_line) first_line
                    from stage_leaked s),
                repeated as (
                    select r.*, case when l.id is not null then 'an earlier file' else 'line ' || r.first_line end seen
                    from ranked r
                    left join leaked_record l on l.campaign_id = ? and l.dataset = r.dataset
                                              and l.lab_record_id = r.lab_record_id
                    where r.first_line <> r.source_line or l.id is not null),
                gone as (delete from stage_leaked s using repeated r where s.source_line = r.source_line
                         returning r.*),
                listed as (insert into rejected_row (import_file_id, line_number, record_key, reason)
                           select ?, source_line, lab_record_id,
                                  'lab_record_id ' || lab_record_id || ' of dataset ' || dataset || ' repeats ' || seen
                           from gone order by source_line limit ?
                           returning 1)
                select (select count(*) from gone) rejected, (select count(*) from listed) listed""",
                ctx.campaignId(), ctx.importFileId(), ctx.rejections().room());
        long repeats = ((Number) n.get("rejected")).longValue();
        ctx.rejections().addedElsewhere(repeats, ((Number) n.get("listed")).longValue());
        int inserted = jdbc.update("""
                insert into leaked_record (campaign_id, dataset, lab_record_id, bsn, surname, surname_key, birth_date,
                    postcode, import_file_id)
                select campaign_id, dataset, lab_record_id, bsn, surname, surname_key, birth_date, postcode,
                    import_file_id
                from stage_leaked order by source_line""");
        return new ReadCounts(parsed.read(), inserted, parsed.rejected() + repeats);
    }

    private void stage(ImportContext ctx, List<LeakedRecordRow> rows) {
        PgCopy.copy(jdbc, "stage_leaked", """
                campaign_id, dataset, lab_record_id, bsn, surname, surname_key, birth_date, postcode, import_file_id,
                source_line""", rows, r -> new Object[]{ctx.campaignId(), r.dataset(), r.labRecordId(), r.bsn(),
                r.surname(), r.surname() == null ? null : SurnameKey.of(null, r.surname()), r.birthDate(),
                r.postcode() == null ? null : Postcode.normalise(r.postcode()).orElse(r.postcode()),
                ctx.importFileId(), r.line()});
    }
}
