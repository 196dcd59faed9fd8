package org.breachnotify.letter;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.breachnotify.platform.PgCopy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/**
 * Every change of a letter's {@link LetterStatus} once it is made: the print house's (claimed for a batch, posted,
 * failed and queued again) and return mail's (returned). Each method runs in the caller's transaction; the
 * set-based ones are one statement however many letters. The people's stages are the caller's to move
 * ({@code journey.Journeys}), with the person ids these methods answer.
 */
@Service
public class LetterStatuses {

    /**
     * The dispatch rows being applied, with the lines they came from; gone at the end of the transaction. Public for
     * the plan checks of ADR 11.
     */
    public static final String DISPATCH_STAGE = """
            create temporary table if not exists stage_dispatch (
                line bigint not null, letter_id text not null, posted boolean not null, posted_date date not null
            ) on commit drop""";

    /**
     * Applies the staged dispatch rows (parameter: the campaign id). Every letter they name is locked first, in id
     * order, so that another file applied at the same time (return mail, a second confirmation) waits or makes this
     * one wait, and each row sees the letter's latest status. The first row of a letter applies when the letter is
     * with the print house; the later rows of that letter see what the first one left (POSTED or READY), earlier
     * chunks are already in the table. Answers, in line order, the letters posted (with their person, {@code seen}
     * null) and the rows not applied with the status they found ({@code person_id} null; {@code seen} null: no
     * letter of this campaign).
     *
     * <p>Letters are reached by primary key only, never filtered by campaign or status: their statistics may not
     * know a campaign whose letters were written since the last analyse, and an estimate of one letter for it made
     * PostgreSQL scan the whole chunk once for each of the campaign's letters (ADR 11). Public for those plan checks.
     */
    public static final String DISPATCH_APPLY = """
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

    public LetterStatuses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code limit} of the campaign's ready letters, domestic or foreign, for the print batch
     * {@code batchId} in print order (postcode, house number, id): {@link LetterStatus#EXPORTED}, one more print
     * attempt. Letters another transaction holds are skipped. Answers the people of the letters claimed (empty: none
     * was ready).
     */
    public List<Long> claimForBatch(String batchId, long campaignId, boolean domestic, int limit) {
        return jdbc.queryForList("""
                update letter set status = ?, batch_id = ?, exported_at = now(), print_attempts = print_attempts + 1
                where id in (select id from letter
                             where campaign_id = ? and status = 'READY' and (country = 'NL') = ?
                             order by postcode, house_number, id limit ? for update skip locked)
                returning person_id""", Long.class, LetterStatus.EXPORTED.name(), batchId, campaignId, domestic,
                limit); // 'READY' written out: the plan then uses the partial index letter_ready
    }

    /** One row of a print house's dispatch report: the letter was posted on {@code date}, or printing failed. */
    public record DispatchReport(long line, String letterId, boolean posted, LocalDate date) {
    }

    /**
     * What a chunk of dispatch reports did. {@code postedPeople} and {@code postedLetters} pair up index by index,
     * in line order. {@code notApplied}: the rows that changed nothing, in line order.
     */
    public record DispatchApplied(List<Long> postedPeople, List<String> postedLetters, List<NotApplied> notApplied) {
    }

    /** A report row that changed nothing, with the status its letter had ({@code seen}; empty: not ours). */
    public record NotApplied(long line, String letterId, Optional<LetterStatus> seen) {
    }

    /**
     * Applies a chunk of the print house's reports to the campaign's letters: the first report of a letter that is
     * {@link LetterStatus#EXPORTED} makes it {@link LetterStatus#POSTED} (with its posted date) or, when printing
     * failed, {@link LetterStatus#READY} again without a batch, queued for a later one. The letters stay locked until
     * the caller's transaction ends. Reports are applied in line order, so a later chunk sees what an earlier one did.
     */
    public DispatchApplied applyDispatch(long campaignId, List<DispatchReport> reports) {
        jdbc.execute(DISPATCH_STAGE);
        PgCopy.copy(jdbc, "stage_dispatch", "line, letter_id, posted, posted_date", reports, r -> new Object[]{
                r.line(), r.letterId(), r.posted(), r.date()});
        // Autovacuum never analyses a temporary table; the plan should know the chunk's size and distinct letters.
        jdbc.execute("analyze stage_dispatch");
        List<Long> people = new ArrayList<>();
        List<String> posted = new ArrayList<>();
        List<NotApplied> notApplied = new ArrayList<>();
        jdbc.query(DISPATCH_APPLY, (RowCallbackHandler) rs -> {
            String letterId = rs.getString("letter_id");
            long personId = rs.getLong("person_id");
            if (rs.wasNull()) {
                String seen = rs.getString("seen");
                notApplied.add(new NotApplied(rs.getLong("line"), letterId,
                        Optional.ofNullable(seen).map(LetterStatus::valueOf)));
            } else {
                people.add(personId);
                posted.add(letterId);
            }
        }, campaignId);
        jdbc.execute("truncate stage_dispatch");
        return new DispatchApplied(people, posted, notApplied);
    }

    /**
     * A letter as return mail finds it, locked until the caller's transaction ends: its status, its person, and
     * whether it is the person's latest letter (an older one's journey has moved on to a newer letter).
     */
    public record LetterOnReturn(LetterStatus status, long personId, boolean latest) {
    }

    /** The campaign's letter {@code letterId}, locked; empty when the campaign has no such letter. */
    public Optional<LetterOnReturn> lockForReturn(String letterId, long campaignId) {
        return jdbc.query("""
                select l.status, l.person_id,
                       l.id = (select l2.id from letter l2 where l2.person_id = l.person_id
                               order by l2.created_at desc, l2.id desc limit 1) latest
                from letter l
                where l.id = ? and l.campaign_id = ? for update of l""", (rs, i) -> new LetterOnReturn(
                LetterStatus.valueOf(rs.getString(1)), rs.getLong(2), rs.getBoolean(3)), letterId, campaignId)
                .stream().findFirst();
    }

    /** The letter came back on {@code date} for {@code reason}: {@link LetterStatus#RETURNED}. */
    public void markReturned(String letterId, LocalDate date, String reason) {
        jdbc.update("update letter set status = ?, returned_date = ?, return_reason = ? where id = ?",
                LetterStatus.RETURNED.name(), Date.valueOf(date), reason, letterId);
    }
}
