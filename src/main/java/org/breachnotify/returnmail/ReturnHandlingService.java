package org.breachnotify.returnmail;

import java.sql.Date;
import java.util.Optional;
import org.breachnotify.register.Address;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** What happens after a letter comes back: ask the population register, then remail, close or hand to staff. */
@Service
public class ReturnHandlingService {
    /** FORMATS.md: at most two remails per person; after that staff decide. */
    public static final int MAX_AUTOMATIC_REMAILS = 2;

    private final JdbcTemplate jdbc;
    private final PopulationRegister register;

    public ReturnHandlingService(JdbcTemplate jdbc, PopulationRegister register) {
        this.jdbc = jdbc;
        this.register = register;
    }

    /**
     * Takes a different, usable address from the register for a remail; answers false when there is none or the
     * person has had their automatic remails.
     */
    public boolean adoptNewAddressForRemail(long personId) {
        Person p = person(personId);
        if (p.remails() >= MAX_AUTOMATIC_REMAILS) {
            return false;
        }
        Optional<Address> fresh = newerAddress(p);
        fresh.ifPresent(a -> moveTo(personId, a));
        return fresh.isPresent();
    }

    /** Staff chose to send again: take the register's address if it changed, and remail in any case. */
    public void adoptCurrentAddressOnStaffRequest(long personId) {
        Person p = person(personId);
        newerAddress(p).ifPresentOrElse(a -> moveTo(personId, a),
                () -> jdbc.update("update person set remail_count = remail_count + 1 where id = ?", personId));
    }

    /** True when the register records a death; the date is then kept with the person. */
    public boolean confirmDeceased(long personId) {
        Person p = person(personId);
        Optional<java.time.LocalDate> died = register.lookUp(p.campaignId(), p.bsn())
                .flatMap(RegisterEntry::deceasedDate);
        died.ifPresent(d -> jdbc.update("update person set deceased_date = ? where id = ?", Date.valueOf(d), personId));
        return died.isPresent();
    }

    private Optional<Address> newerAddress(Person p) {
        return register.lookUp(p.campaignId(), p.bsn()).flatMap(RegisterEntry::address)
                .filter(a -> !sameAddress(a, p.address()));
    }

    private void moveTo(long personId, Address a) {
        jdbc.update("""
                update person set street = ?, house_number = ?, house_letter = ?, house_number_suffix = ?,
                    postcode = ?, city = ?, country = ?, remail_count = remail_count + 1
                where id = ?""", a.street(), a.houseNumber(), a.houseLetter(), a.houseNumberSuffix(), a.postcode(),
                a.city(), a.country(), personId);
    }

    private static boolean sameAddress(Address a, Address b) {
        return a.kix().isPresent() && b.kix().isPresent() ? a.kix().equals(b.kix())
                : a.equals(b);
    }

    private Person person(long personId) {
        return jdbc.queryForObject("""
                select campaign_id, bsn, remail_count, street, house_number, house_letter, house_number_suffix,
                       postcode, city, country from person where id = ?""", (rs, i) -> new Person(rs.getLong(1),
                rs.getString(2), rs.getInt(3), new Address(rs.getString(4), rs.getInt(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10))), personId);
    }

    private record Person(long campaignId, String bsn, int remails, Address address) {
    }
}
