package org.breachnotify.intake;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.breachnotify.register.Address;

/** participants.csv: the register extract. */
final class ParticipantFormat implements RowFormat<ParticipantRow> {
    private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9-]{1,20}");
    /** gp_smear_before_2017 speaks of smears before this day: nobody born on or after it can have had one. */
    static final LocalDate SMEAR_CUT_OFF = LocalDate.of(2017, 1, 1);

    // postcode is only required for NL addresses, but nearly every row is one: a file without the column is
    // refused instead of rejecting almost every row.
    private static final List<String> REQUIRED = List.of("participant_id", "bsn", "surname", "birth_date",
            "street", "house_number", "postcode", "city");
    private static final List<String> KNOWN = List.of("participant_id", "bsn", "initials", "surname_prefix",
            "surname", "birth_date", "street", "house_number", "house_letter", "house_number_suffix", "postcode",
            "city", "country", "language", "email", "gp_smear_before_2017", "deceased_date");

    private final LocalDate today;

    ParticipantFormat(LocalDate today) {
        this.today = today;
    }

    @Override
    public List<String> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public List<String> knownColumns() {
        return KNOWN;
    }

    @Override
    public ParticipantRow parse(Row row) {
        String participantId = row.required("participant_id");
        if (participantId != null && !PARTICIPANT_ID.matcher(participantId).matches()) {
            row.problem("participant_id must be 1 to 20 characters of A-Z, a-z, 0-9 and -");
        }
        String bsn = FieldRules.bsn(row, "bsn", true);
        String surname = row.required("surname");
        LocalDate birthDate = FieldRules.dateNotInFuture(row, "birth_date", true, today);
        if (birthDate != null && birthDate.isBefore(FieldRules.EARLIEST_BIRTH_DATE)) {
            row.problem("birth_date is before 1900-01-01");
        }
        Address address = FieldRules.address(row);
        String language = language(row);
        boolean gpSmear = gpSmear(row);
        LocalDate deceasedDate = FieldRules.dateNotInFuture(row, "deceased_date", false, today);
        contradictions(row, birthDate, deceasedDate, gpSmear);
        requirePrintable(row);
        if (row.hasProblems()) {
            return null;
        }
        return new ParticipantRow(row.line(), participantId, bsn, row.value("initials"), row.value("surname_prefix"),
                surname, birthDate, address, language, row.value("email"), gpSmear, deceasedDate);
    }

    @Override
    public String key(Row row) {
        String id = row.value("participant_id");
        return id != null && PARTICIPANT_ID.matcher(id).matches() ? id : FieldRules.maskedBsn(row, "bsn");
    }

    /**
     * Fields that are each valid but cannot all be true of one person (the dates in the future are refused per
     * field). Reasons name the columns, never the dates.
     */
    private static void contradictions(Row row, LocalDate birthDate, LocalDate deceasedDate, boolean gpSmear) {
        if (birthDate == null) {
            return;
        }
        if (deceasedDate != null && deceasedDate.isBefore(birthDate)) {
            row.problem("deceased_date is before birth_date");
        }
        if (gpSmear && !birthDate.isBefore(SMEAR_CUT_OFF)) {
            row.problem("gp_smear_before_2017 is true but birth_date is not before 2017");
        }
    }

    /**
     * The names and address lines a letter prints: printable exactly as given ({@code PrintableText}, the letter's
     * own rule) and shaped like a name or an address line. House number suffix and postcode have their own rules.
     */
    private static void requirePrintable(Row row) {
        FieldRules.printedText(row, "initials", FieldRules.Text.INITIALS);
        FieldRules.printedText(row, "surname_prefix", FieldRules.Text.NAME);
        FieldRules.printedText(row, "surname", FieldRules.Text.NAME);
        FieldRules.printedText(row, "street", FieldRules.Text.ADDRESS_LINE);
        FieldRules.printedText(row, "city", FieldRules.Text.ADDRESS_LINE);
    }

    private static String language(Row row) {
        String value = row.value("language");
        if (value == null) {
            return "nl";
        }
        String language = value.toLowerCase(Locale.ROOT);
        if (!language.equals("nl") && !language.equals("en")) {
            row.problem("language must be nl or en");
        }
        return language;
    }

    private static boolean gpSmear(Row row) {
        String value = row.value("gp_smear_before_2017");
        if (value == null) {
            return false;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "ja":
                return true;
            case "false", "0", "nee":
                return false;
            default:
                row.problem("gp_smear_before_2017 must be true/false, 1/0 or ja/nee");
                return false;
        }
    }
}
