package org.breachnotify.letter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.breachnotify.journey.Journeys;
import org.breachnotify.platform.PgCopy;
import org.breachnotify.register.Address;
import org.breachnotify.register.Group;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/**
 * Makes and keeps letters. Making a letter fixes everything it will show (the content snapshot, the template
 * version and its fingerprint) and checks that it can be printed; the PDF itself is drawn when its print batch is
 * written, many letters at a time. The archive keeps per letter what was drawn (the content hash) and when, and
 * regenerates the very same PDF for anyone who asks for it by letter id.
 *
 * <p>A remail after a return is a new letter with a new id; so is a corrective letter after a change of group.
 */
@Service
public class LetterService {

    private static final String LETTER_COLUMNS = """
            l.id, l.grp, l.language, l.template_version, l.initials, l.surname_prefix, l.surname, l.street,
            l.house_number, l.house_letter, l.house_number_suffix, l.postcode, l.city, l.country, l.letter_date,
            l.lookup_reference, l.corrective, l.previous_letter_id,
            (select p.letter_date from letter p where p.id = l.previous_letter_id) previous_letter_date,
            l.address_layout""";
    private static final String ARCHIVE_QUERY = """
            select l.id, p.participant_id, l.grp, l.language, l.kind, l.corrective, l.previous_letter_id,
                   l.template_version, l.template_fingerprint, l.letter_date, l.created_at, l.rendered_at,
                   l.content_sha256, l.pages, l.status, l.batch_id, l.posted_date, l.returned_date
            from letter l join person p on p.id = l.person_id
            """;

    private static final String RECIPIENT_QUERY = """
            select p.id, p.campaign_id, p.grp, p.language, p.initials, p.surname_prefix, p.surname, p.street,
                   p.house_number, p.house_letter, p.house_number_suffix, p.postcode, p.city, p.country,
                   c.letter_templates,
                   (select count(*) from letter l where l.person_id = p.id) earlier
            from person p join campaign c on c.id = p.campaign_id
            """;
    private static final String[] LETTER_GROUPS = java.util.Arrays.stream(Group.values()).filter(Group::getsLetter)
            .map(Group::name).toArray(String[]::new);

    private final JdbcTemplate jdbc;
    private final LetterRenderer renderer;
    private final Clock clock;
    private final Journeys journeys;

    public LetterService(JdbcTemplate jdbc, LetterRenderer renderer, Clock clock, Journeys journeys) {
        this.jdbc = jdbc;
        this.journeys = journeys;
        this.renderer = renderer;
        this.clock = clock;
    }

    /**
     * Composes the first letter of each given person (our internal ids) who is in a letter group and has no letter
     * yet, many at once: the layout check runs on every core, the rows are written in one batch. A person whose
     * letter cannot be printed (e.g. an address too long for the window) gets none here; their journey then tries
     * itself and shows the reason as an incident. Answers the letters made, by person. The person's stage is left to
     * the caller, which queues the journey in the same statement.
     */
    public Map<Long, String> composeFirstLetters(List<Long> personIds) {
        List<Recipient> recipients = jdbc.query(RECIPIENT_QUERY + """
                where p.id = any(?) and p.grp = any(?)
                  and not exists (select 1 from letter l where l.person_id = p.id)""", (rs, i) -> recipient(rs),
                personIds.toArray(Long[]::new), LETTER_GROUPS);
        LocalDate today = LocalDate.now(clock);
        List<Composed> composed = recipients.parallelStream().map(r -> {
            try {
                return compose(r, "FIRST", false, null, null, today);
            } catch (IllegalArgumentException unprintable) {
                return null; // the journey composes it again and shows why as an incident
            }
        }).filter(java.util.Objects::nonNull).toList();
        insert(composed);
        Map<Long, String> made = new java.util.HashMap<>();
        composed.forEach(l -> made.put(l.personId(), l.content().letterId()));
        return made;
    }

    /**
     * Makes the person's next letter for their current group, for the journey {@code journeyInstanceId}: a first
     * letter the bulk composition could not make, a remail, or (when {@code corrective}) a letter that corrects the
     * earlier one sent for another group. Fails, naming the letter, when it could not be printed (e.g. an address too
     * long for the window).
     */
    public String generate(long personId, boolean corrective, String journeyInstanceId) {
        Recipient r = jdbc.queryForObject(RECIPIENT_QUERY + "where p.id = ?", (rs, i) -> recipient(rs), personId);
        if (!r.group().getsLetter()) {
            throw new IllegalStateException("person " + personId + " is in " + r.group() + " and gets no letter");
        }
        String previousId = null;
        LocalDate previousDate = null;
        if (corrective) {
            Map<String, Object> previous = jdbc.queryForList("""
                    select id, letter_date from letter where person_id = ? and grp <> ?
                    order by created_at desc, id limit 1""", personId, r.group().name()).stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "person " + personId + " has no earlier letter for a corrective letter to correct"));
            previousId = (String) previous.get("id");
            previousDate = ((java.sql.Date) previous.get("letter_date")).toLocalDate();
        }
        String kind = r.earlierLetters() == 0 ? "FIRST"
                : corrective && !hasCorrectiveFor(personId, r.group()) ? "CORRECTIVE" : "REMAIL";
        Composed letter = compose(r, kind, corrective, previousId, previousDate, LocalDate.now(clock))
                .forJourney(journeyInstanceId);
        insert(List.of(letter));
        journeys.markLetterReady(personId);
        return letter.content().letterId();
    }

    /** Fixes what the letter shows and checks that it prints; fails naming the field that cannot be printed. */
    private Composed compose(Recipient r, String kind, boolean corrective, String previousId, LocalDate previousDate,
                             LocalDate today) {
        requirePrintable(r);
        LetterContent content = new LetterContent(LetterIds.newLetterId(), r.group(), r.language(), r.templates(),
                r.initials(), r.prefix(), r.surname(), r.address(), today, LetterIds.newLookupReference(), corrective,
                previousId, previousDate);
        return new Composed(r, content, kind, renderer.check(content), null);
    }

    private static final String LETTER_INSERT_COLUMNS = """
            id, campaign_id, person_id, grp, language, kind, corrective, previous_letter_id, template_version,
            template_fingerprint, lookup_reference, letter_date, status, pages, initials, surname_prefix, surname,
            street, house_number, house_letter, house_number_suffix, postcode, city, country, kix, address_layout,
            journey_instance_id""";

    /** Writes new letters with COPY, whether one (a remail) or a chunk of first letters. */
    private void insert(List<Composed> letters) {
        PgCopy.copy(jdbc, "letter", LETTER_INSERT_COLUMNS, letters, this::letterRow);
    }

    /** A new letter's row, in the order of {@link #LETTER_INSERT_COLUMNS}. */
    private Object[] letterRow(Composed l) {
        Recipient r = l.recipient();
        LetterContent content = l.content();
        Address a = r.address();
        return new Object[] {content.letterId(), r.campaignId(), r.personId(), r.group().name(), r.language(),
                l.kind(), content.corrective(), content.previousLetterId(), r.templates(),
                renderer.templates().fingerprint(r.templates()), content.lookupReference(),
                java.sql.Date.valueOf(content.letterDate()), LetterStatus.READY.name(), l.pages(), r.initials(), r.prefix(), r.surname(),
                a.street(), a.houseNumber(), a.houseLetter(), a.houseNumberSuffix(), a.postcode(), a.city(),
                a.country(), a.kix().orElse(null), content.addressLayout().version(), l.journeyInstanceId()};
    }

    /** A composed letter before it is written: who, what it shows, and the journey that waits for it (if known). */
    private record Composed(Recipient recipient, LetterContent content, String kind, int pages,
                            String journeyInstanceId) {
        long personId() {
            return recipient.personId();
        }

        Composed forJourney(String instanceId) {
            return new Composed(recipient, content, kind, pages, instanceId);
        }
    }

    /**
     * When the person's letter is not printed yet, it simply changes group: nobody has seen it. Answers false when
     * there is no such letter.
     */
    public boolean regroupUnprinted(long personId, Group group) {
        List<LetterContent> ready = jdbc.query("select " + LETTER_COLUMNS
                + " from letter l where l.person_id = ? and l.status = 'READY'", (rs, i) -> content(rs), personId);
        if (ready.isEmpty()) {
            return false;
        }
        LetterContent regrouped = ready.get(0).withGroup(group);
        jdbc.update("update letter set grp = ?, pages = ? where id = ? and status = 'READY'", group.name(),
                renderer.check(regrouped), regrouped.letterId());
        return true;
    }

    /** Whether the person has a letter for this group that was not returned. */
    public boolean hasLiveLetterFor(long personId, Group group) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from letter where person_id = ? and grp = ? and status <> 'RETURNED')""",
                Boolean.class, personId, group.name()));
    }

    private boolean hasCorrectiveFor(long personId, Group group) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from letter where person_id = ? and grp = ? and corrective)", Boolean.class,
                personId, group.name()));
    }

    /** What a letter shows, from the archive, in print order for a batch. */
    public List<LetterContent> contentsOfBatch(String batchId) {
        jdbc.query("""
                select distinct template_version, template_fingerprint from letter
                where batch_id = ? and template_fingerprint is not null""",
                (RowCallbackHandler) rs -> requireUnchangedTemplates(rs.getString(1), rs.getString(2),
                        "batch " + batchId), batchId);
        return jdbc.query("select " + LETTER_COLUMNS
                        + " from letter l where l.batch_id = ? order by l.postcode, l.house_number, l.id",
                (rs, i) -> content(rs), batchId);
    }

    /**
     * Keeps, per letter, when it was drawn, how many pages it has and the hash of what it shows, in one statement for
     * the whole batch (5,000 single-row updates cost as much as drawing the letters). The rows are locked in
     * letter-id order first: the engine-command relay locks letters in that order too, so the two never deadlock.
     */
    public void recordRendered(List<LetterRenderer.LetterResult> results) {
        if (results.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        String[] ids = results.stream().map(LetterRenderer.LetterResult::letterId).toArray(String[]::new);
        String[] hashes = results.stream().map(LetterRenderer.LetterResult::contentSha256).toArray(String[]::new);
        Integer[] pages = results.stream().map(LetterRenderer.LetterResult::pages).toArray(Integer[]::new);
        jdbc.queryForList("select id from letter where id = any(?) order by id for update", String.class,
                (Object) ids);
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    update letter l set content_sha256 = r.sha256, pages = r.pages, rendered_at = ?
                    from unnest(?, ?, ?) as r(id, sha256, pages) where l.id = r.id""");
            ps.setTimestamp(1, now);
            ps.setArray(2, con.createArrayOf("text", ids));
            ps.setArray(3, con.createArrayOf("text", hashes));
            ps.setArray(4, con.createArrayOf("integer", pages));
            return ps;
        });
    }

    /** The import's rule again, for people imported before it: a name the letter cannot print is not composed. */
    private static void requirePrintable(Recipient r) {
        long personId = r.personId();
        Map<String, String> printed = new java.util.LinkedHashMap<>();
        printed.put("initials", r.initials());
        printed.put("surname_prefix", r.prefix());
        printed.put("surname", r.surname());
        printed.put("street", r.address().street());
        printed.put("city", r.address().city());
        printed.put("postcode", r.address().postcode());
        printed.forEach((field, value) -> PrintableText.whyNot(value).ifPresent(why -> {
            throw new IllegalArgumentException("person " + personId + ": " + field + " " + why);
        }));
    }

    /**
     * The letter's PDF, regenerated from the archive. When the letter was printed, the regenerated letter is
     * checked against the hash of what was printed; a difference is refused rather than shown as if it were the
     * letter the person received.
     */
    public Optional<byte[]> pdf(String letterId) {
        Optional<ArchivedLetter> archived = archived(letterId);
        if (archived.isEmpty()) {
            return Optional.empty();
        }
        ArchivedLetter letter = archived.get();
        if (letter.templateFingerprint() != null) {
            requireUnchangedTemplates(letter.templateVersion(), letter.templateFingerprint(), "letter " + letterId);
        }
        LetterContent content = jdbc.queryForObject("select " + LETTER_COLUMNS + " from letter l where l.id = ?",
                (rs, i) -> content(rs), letterId);
        RenderedLetter rendered = renderer.render(content);
        if (letter.contentSha256() != null && !letter.contentSha256().equals(rendered.contentSha256())) {
            throw new IllegalStateException("letter " + letterId + " does not regenerate to what was printed "
                    + "(content hash " + rendered.contentSha256() + ", archive " + letter.contentSha256() + ")");
        }
        return Optional.of(rendered.pdf());
    }

    /** The archive entry of a letter, without the personal content. */
    public Optional<ArchivedLetter> archived(String letterId) {
        return jdbc.query(ARCHIVE_QUERY + "where l.id = ?", (rs, i) -> archived(rs), letterId).stream().findFirst();
    }

    /** The person (our internal id) a letter was written to. */
    public Optional<Long> personOfLetter(String letterId) {
        return jdbc.queryForList("select person_id from letter where id = ?", Long.class, letterId).stream().findFirst();
    }

    /** A person (our internal id) by campaign and the register's participant id. */
    public Optional<Long> personOfParticipant(long campaignId, String participantId) {
        return jdbc.queryForList("select id from person where campaign_id = ? and participant_id = ?", Long.class,
                campaignId, participantId).stream().findFirst();
    }

    /** Every letter of one person of a campaign, oldest first. */
    public List<ArchivedLetter> lettersOf(long campaignId, String participantId) {
        return jdbc.query(ARCHIVE_QUERY + "where p.campaign_id = ? and p.participant_id = ? order by l.created_at, l.id",
                (rs, i) -> archived(rs), campaignId, participantId);
    }

    /** A letter as the archive knows it; no name or address. */
    public record ArchivedLetter(String letterId, String participantId, String group, String language, String kind,
                                 boolean corrective, String previousLetterId, String templateVersion,
                                 String templateFingerprint, LocalDate letterDate, Instant createdAt,
                                 Instant renderedAt, String contentSha256, int pages, String status, String batchId,
                                 LocalDate postedDate, LocalDate returnedDate) {
    }

    private void requireUnchangedTemplates(String version, String recordedFingerprint, String what) {
        if (!recordedFingerprint.equals(renderer.templates().fingerprint(version))) {
            throw new IllegalStateException("template set " + version + " has changed since the letters of " + what
                    + " were made; restore its files or give the new wording a new version");
        }
    }

    private static ArchivedLetter archived(ResultSet rs) throws SQLException {
        return new ArchivedLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getDate(10).toLocalDate(),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(),
                rs.getString(13), rs.getInt(14), rs.getString(15), rs.getString(16),
                rs.getDate(17) == null ? null : rs.getDate(17).toLocalDate(),
                rs.getDate(18) == null ? null : rs.getDate(18).toLocalDate());
    }

    private static LetterContent content(ResultSet rs) throws SQLException {
        return new LetterContent(rs.getString(1), Group.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), new Address(rs.getString(8), rs.getInt(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14)),
                rs.getDate(15).toLocalDate(), rs.getString(16), rs.getBoolean(17), rs.getString(18),
                rs.getDate(19) == null ? null : rs.getDate(19).toLocalDate(), AddressLayout.of(rs.getInt(20)));
    }

    private record Recipient(long personId, long campaignId, Group group, String language, String initials,
                             String prefix, String surname, Address address, String templates, int earlierLetters) {
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        return new Recipient(rs.getLong(1), rs.getLong(2), Group.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), new Address(rs.getString(8), rs.getInt(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14)),
                rs.getString(15), rs.getInt(16));
    }
}
