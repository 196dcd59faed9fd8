package org.breachnotify.letter;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.breachnotify.register.Address;
import org.breachnotify.register.Group;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Makes a person's letter for their group: renders the PDF, keeps it with its hash and template version, and
 * marks it ready for the next print batch. A remail (after a return) is a new letter with a new id.
 */
@Service
public class LetterService {
    public static final String TEMPLATE_VERSION = "v1";

    private final JdbcTemplate jdbc;
    private final LetterRenderer renderer;
    private final Clock clock;

    public LetterService(JdbcTemplate jdbc, LetterRenderer renderer, Clock clock) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.clock = clock;
    }

    public String generate(long personId) {
        Recipient r = jdbc.queryForObject("""
                select campaign_id, grp, language, initials, surname_prefix, surname, street, house_number,
                       house_letter, house_number_suffix, postcode, city, country,
                       (select count(*) from letter l where l.person_id = p.id) earlier_letters
                from person p where id = ?""", (rs, i) -> new Recipient(rs.getLong(1), Group.valueOf(rs.getString(2)),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                new Address(rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getString(12), rs.getString(13)), rs.getInt(14)), personId);
        if (!r.group().getsLetter()) {
            throw new IllegalStateException("person " + personId + " is in " + r.group() + " and gets no letter");
        }
        String letterId = LetterIds.newLetterId();
        String lookup = LetterIds.newLookupReference();
        RenderedLetter pdf = renderer.render(new LetterContent(letterId, r.group(), r.language(), TEMPLATE_VERSION,
                r.initials(), r.prefix(), r.surname(), r.address(), LocalDate.now(clock), lookup));
        jdbc.update("""
                insert into letter (id, campaign_id, person_id, grp, language, kind, template_version, lookup_reference,
                    status, pages, sha256, pdf, postcode, house_number, kix, country)
                values (?,?,?,?,?,?,?,?,'READY',?,?,?,?,?,?,?)""", letterId, r.campaignId(), personId,
                r.group().name(), r.language(), r.earlierLetters() == 0 ? "FIRST" : "REMAIL", TEMPLATE_VERSION, lookup,
                pdf.pages(), pdf.sha256Hex(), pdf.pdf(), r.address().postcode(), r.address().houseNumber(),
                r.address().kix().orElse(null), r.address().country());
        jdbc.update("update person set stage = 'LETTER_READY' where id = ?", personId);
        return letterId;
    }

    /** The stored PDF of a letter, for a process manager to download. */
    public Optional<byte[]> pdf(String letterId) {
        return jdbc.query("select pdf from letter where id = ?", (rs, i) -> rs.getBytes(1), letterId).stream()
                .findFirst();
    }

    private record Recipient(long campaignId, Group group, String language, String initials, String prefix,
                             String surname, Address address, int earlierLetters) {
    }
}
