package org.breachnotify.printhouse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.intake.ChunkApplyingSink;
import org.breachnotify.intake.CsvReaders;
import org.breachnotify.intake.DispatchRow;
import org.breachnotify.intake.DispatchStatus;
import org.breachnotify.intake.FileImporter;
import org.breachnotify.intake.FileRefusedException;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ReadCounts;
import org.breachnotify.intake.Rejection;
import org.breachnotify.journey.Journeys;
import org.breachnotify.platform.PgCopy;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies the print house's per-letter report: POSTED moves the journey on, FAILED puts the letter back in the
 * queue for a later batch. A letter is confirmed once; a repeat or an unknown id is rejected with its line.
 *
 * <p>Set-based, a chunk of rows at a time (ADR 11): the rows go to a staging table with their lines, and one
 * statement applies the chunk and answers the rows it could not apply, each with the status a row-by-row import
 * would have found, so rejections read as they always did. All chunks share the file's one transaction.
 */
@Component
class DispatchConfirmationImporter implements FileImporter {
    /** Rows staged and applied at a time: large enough that a round trip is nothing, small enough for the heap. */
    static final int CHUNK_ROWS = 20_000;

    /** The chunk being applied, with the lines its rows came from; gone at the end of the file's transaction. */
    static final String STAGE = """
            create temporary table stage_dispatch (
                line bigint not null, letter_id text not null, posted boolean not null, posted_date date not null
            ) on commit drop""";

    /**
     * Applies the staged chunk. Every letter it names is locked first, in id order, so that another file applied
     * at the same time (return mail, a second confirmation) waits or makes this one wait, and each row sees the
     * letter's latest status. The first row of a letter in the chunk applies when the letter is with the print
     * house; the chunk's later rows of that letter see what the first one left (POSTED or READY), earlier chunks
     * are already in the table. Answers the letters posted (with their person) and the rows not applied with that
     * status (null: no letter of this campaign), in line order.
     *
     * <p>Letters and people are reached by primary key only, never filtered by campaign or status: their statistics
     * may not know a campaign whose letters were written since the last analyse, and an estimate of one letter for
     * it made PostgreSQL scan the whole chunk once for each of the campaign's letters.
     */
    static final String APPLY = """
            with locked as materialized (
                select l.id, l.campaign_id, l.status
                from (select distinct letter_id from stage_dispatch) s join letter l on l.id = s.letter_id
                order by l.id for update of l),
            staged as materialized (
                select s.line, s.letter_id, s.posted, s.posted_date,
                       case when k.campaign_id = ? then k.status end status,
                       row_number() over w = 1 first, first_value(s.posted) over w first_posted
                from stage_dispatch s left join locked k on k.id = s.letter_id
                window w as (partition by s.letter_id order by s.line)),
            applied as (
                update letter l
                set status = case when s.posted then 'POSTED' else 'READY' end,
                    posted_date = case when s.posted then s.posted_date else l.posted_date end,
                    batch_id = case when s.posted then l.batch_id end
                from staged s
                where s.first and s.status = 'EXPORTED' and l.id = s.letter_id
                returning s.line, l.id, l.person_id, s.posted)
            select line, id letter_id, person_id, null seen from applied where posted
            union all
            select line, letter_id, null,
                   case when status is distinct from 'EXPORTED' then status
                        when first_posted then 'POSTED'
                        else 'READY' end
            from staged
            where not first or status is distinct from 'EXPORTED'
            order by line""";

    private final JdbcTemplate jdbc;
    private final Journeys journeys;
    private final EngineCommands commands;

    DispatchConfirmationImporter(JdbcTemplate jdbc, Journeys journeys, EngineCommands commands) {
        this.jdbc = jdbc;
        this.journeys = journeys;
        this.commands = commands;
    }

    @Override
    public FileType type() {
        return FileType.DISPATCH_CONFIRMATION;
    }

    @Override
    public ReadCounts importRows(ImportContext ctx, InputStream in) throws IOException, FileRefusedException {
        jdbc.execute(STAGE);
        ChunkApplyingSink<DispatchRow> sink = new ChunkApplyingSink<>(ctx.rejections(), CHUNK_ROWS,
                rows -> apply(ctx, rows));
        ReadCounts parsed = CsvReaders.readDispatchConfirmations(ctx.fileName(), in, sink);
        sink.finish();
        return sink.counts(parsed);
    }

    /**
     * Applies a chunk: the letters, then the people of the posted ones and one {@code LETTER_POSTED} per posted
     * letter in file order. Answers the rows that could not be applied, in line order.
     */
    private List<Rejection> apply(ImportContext ctx, List<DispatchRow> rows) {
        PgCopy.copy(jdbc, "stage_dispatch", "line, letter_id, posted, posted_date", rows, r -> new Object[]{
                r.line(), r.letterId(), r.status() == DispatchStatus.POSTED, r.date()});
        // Autovacuum never analyses a temporary table; the plan should know the chunk's size and distinct letters.
        jdbc.execute("analyze stage_dispatch");
        List<Long> people = new ArrayList<>();
        List<String> posted = new ArrayList<>();
        List<Rejection> notApplied = new ArrayList<>();
        jdbc.query(APPLY, (RowCallbackHandler) rs -> {
            String letterId = rs.getString("letter_id");
            long personId = rs.getLong("person_id");
            if (rs.wasNull()) {
                notApplied.add(new Rejection(rs.getLong("line"), letterId, reason(letterId, rs.getString("seen"))));
            } else {
                people.add(personId);
                posted.add(letterId);
            }
        }, ctx.campaignId());
        jdbc.execute("truncate stage_dispatch");
        journeys.markPosted(people);
        commands.enqueueLettersPosted(ctx.campaignId(), people, posted);
        return notApplied;
    }

    /** Why a row was not applied, given the letter's status when its turn came (null: not a letter of ours). */
    private static String reason(String letterId, String status) {
        if (status == null) {
            return "unknown letter id " + letterId + " (not a letter of this campaign)";
        }
        return switch (status) {
            case "POSTED", "RETURNED" -> "letter " + letterId + " was already confirmed as posted";
            default -> "letter " + letterId + " is not with the print house (status " + status + ")";
        };
    }
}
