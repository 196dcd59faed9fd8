package org.breachnotify.intake;

import org.breachnotify.platform.PgCopy;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.breachnotify.register.Address;
import org.breachnotify.register.SurnameKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores the register extract. Valid rows go to a staging table first; repeats (of a participant id or a BSN,
 * earlier in the file or in an earlier file) are then rejected in one set-based pass, so memory stays flat
 * however large the file.
 */
@Component
class ParticipantImporter implements FileImporter {
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;

    ParticipantImporter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FileType type() {
        return FileType.PARTICIPANTS;
    }

    @Override
    public Optional<String> filledTable() {
        return Optional.of("person");
    }

    @Override
    public ReadCounts importRows(ImportContext ctx, InputStream in) throws IOException, FileRefusedException {
        jdbc.execute("""
                create temporary table stage_person (like person including defaults) on commit drop""");
        BatchingSink<ParticipantRow> sink = new BatchingSink<>(ctx.rejections(), BATCH, rows -> stage(ctx, rows));
        ReadCounts parsed = CsvReaders.readParticipants(ctx.fileName(), in, sink);
        sink.finish();
        long repeats = rejectRepeats(ctx);
        int inserted = jdbc.update("""
                insert into person (campaign_id, participant_id, bsn, initials, surname_prefix, surname, surname_key,
                    birth_date, street, house_number, house_letter, house_number_suffix, postcode, city, country,
                    language, email, gp_smear_before_2017, deceased_date, import_file_id, source_line)
                select campaign_id, participant_id, bsn, initials, surname_prefix, surname, surname_key,
                    birth_date, street, house_number, house_letter, house_number_suffix, postcode, city, country,
                    language, email, gp_smear_before_2017, deceased_date, import_file_id, source_line
                from stage_person order by source_line""");
        return new ReadCounts(parsed.read(), inserted, parsed.rejected() + repeats);
    }

    /** Deletes repeated rows from the stage and rejects them, naming where the id or BSN was seen first. */
    private long rejectRepeats(ImportContext ctx) {
        return rejectRepeatsOf(ctx, "participant_id", "'participant_id ' || participant_id || ' repeats '")
                + rejectRepeatsOf(ctx, "bsn", "'BSN repeats '");
    }

    private long rejectRepeatsOf(ImportContext ctx, String column, String reasonPrefix) {
        // Window functions, not correlated subqueries: this runs over the whole 941,000-row register at once.
        // Every repeat leaves the stage; the first of them, up to the file's room in the list, are listed.
        Map<String, Object> n = jdbc.queryForMap("""
                with ranked as (
                    select s.source_line, s.participant_id, s.%1$s dup_key,
                           first_value(s.source_line) over (partition by s.%1$s order by s.source_line) first_line
                    from stage_person s),
                repeated as (
                    select r.source_line, r.participant_id,
                           case when p.id is not null then 'an earlier file' else 'line ' || r.first_line end seen
                    from ranked r
                    left join person p on p.campaign_id = ? and p.%1$s = r.dup_key
                    where r.first_line <> r.source_line or p.id is not null),
                gone as (delete from stage_person s using repeated r where s.source_line = r.source_line
                         returning r.*),
                listed as (insert into rejected_row (import_file_id, line_number, record_key, reason)
                           select ?, source_line, participant_id, %2$s || seen from gone order by source_line limit ?
                           returning 1)
                select (select count(*) from gone) rejected, (select count(*) from listed) listed"""
                .formatted(column, reasonPrefix), ctx.campaignId(), ctx.importFileId(), ctx.rejections().room());
        long rejected = ((Number) n.get("rejected")).longValue();
        ctx.rejections().addedElsewhere(rejected, ((Number) n.get("listed")).longValue());
        return rejected;
    }

    private void stage(ImportContext ctx, List<ParticipantRow> rows) {
        PgCopy.copy(jdbc, "stage_person", """
                campaign_id, participant_id, bsn, initials, surname_prefix, surname, surname_key, birth_date, street,
                house_number, house_letter, house_number_suffix, postcode, city, country, language, email,
                gp_smear_before_2017, deceased_date, import_file_id, source_line""", rows, r -> {
            Address a = r.address();
            return new Object[]{ctx.campaignId(), r.participantId(), r.bsn(), r.initials(), r.surnamePrefix(),
                    r.surname(), SurnameKey.of(r.surnamePrefix(), r.surname()), r.birthDate(), a.street(),
                    a.houseNumber(), a.houseLetter(), a.houseNumberSuffix(), a.postcode(), a.city(),
                    a.country() == null ? "NL" : a.country(), r.language(), r.email(), r.gpSmearBefore2017(),
                    r.deceasedDate(), ctx.importFileId(), r.line()};
        });
    }
}
