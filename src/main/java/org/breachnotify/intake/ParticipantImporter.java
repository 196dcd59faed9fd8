package org.breachnotify.intake;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
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
    private static final int BATCH = 2000;

    private final JdbcTemplate jdbc;

    ParticipantImporter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FileType type() {
        return FileType.PARTICIPANTS;
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
        return jdbc.update("""
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
                         returning r.*)
                insert into rejected_row (import_file_id, line_number, record_key, reason)
                select ?, source_line, participant_id, %2$s || seen from gone""".formatted(column, reasonPrefix),
                ctx.campaignId(), ctx.importFileId());
    }

    private void stage(ImportContext ctx, List<ParticipantRow> rows) {
        jdbc.batchUpdate("""
                insert into stage_person (campaign_id, participant_id, bsn, initials, surname_prefix, surname,
                    surname_key, birth_date, street, house_number, house_letter, house_number_suffix, postcode, city,
                    country, language, email, gp_smear_before_2017, deceased_date, import_file_id, source_line)
                values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows, rows.size(),
                (ps, r) -> bind(ps, ctx, r));
    }

    private static void bind(PreparedStatement ps, ImportContext ctx, ParticipantRow r) throws SQLException {
        Address a = r.address();
        ps.setLong(1, ctx.campaignId());
        ps.setString(2, r.participantId());
        ps.setString(3, r.bsn());
        ps.setString(4, r.initials());
        ps.setString(5, r.surnamePrefix());
        ps.setString(6, r.surname());
        ps.setString(7, SurnameKey.of(r.surnamePrefix(), r.surname()));
        ps.setDate(8, Date.valueOf(r.birthDate()));
        ps.setString(9, a.street());
        ps.setInt(10, a.houseNumber());
        ps.setString(11, a.houseLetter());
        ps.setString(12, a.houseNumberSuffix());
        ps.setString(13, a.postcode());
        ps.setString(14, a.city());
        ps.setString(15, a.country() == null ? "NL" : a.country());
        ps.setString(16, r.language());
        ps.setString(17, r.email());
        ps.setBoolean(18, r.gpSmearBefore2017());
        if (r.deceasedDate() == null) {
            ps.setNull(19, Types.DATE);
        } else {
            ps.setDate(19, Date.valueOf(r.deceasedDate()));
        }
        ps.setLong(20, ctx.importFileId());
        ps.setLong(21, r.line());
    }
}
