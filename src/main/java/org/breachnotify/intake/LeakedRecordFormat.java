package org.breachnotify.intake;

import java.time.LocalDate;
import java.util.List;

import org.breachnotify.register.Postcode;

/** leaked-records.csv: records found in the leaked datasets. */
final class LeakedRecordFormat implements RowFormat<LeakedRecordRow> {
    private static final List<String> REQUIRED = List.of("dataset", "lab_record_id");
    private static final List<String> KNOWN = List.of("dataset", "lab_record_id", "bsn", "surname", "birth_date",
            "postcode");

    @Override
    public List<String> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public List<String> knownColumns() {
        return KNOWN;
    }

    @Override
    public LeakedRecordRow parse(Row row) {
        String dataset = row.required("dataset");
        if (dataset != null && !dataset.equals("1") && !dataset.equals("2")) {
            row.problem("dataset must be 1 or 2");
        }
        String labRecordId = row.required("lab_record_id");
        // A leaked record with an invalid BSN is still evidence, but keeping it without the BSN would let it link
        // by surname and birth date alone while its BSN might point at someone else. Rejecting it puts it in
        // front of the analysts, who can correct the file and import the record again.
        String bsn = FieldRules.bsn(row, "bsn", false);
        LocalDate birthDate = FieldRules.date(row, "birth_date", false);
        String postcode = row.value("postcode");
        if (row.hasProblems()) {
            return null;
        }
        // No country in this file: a postcode that reads as Dutch is made canonical for matching, any other kept.
        String canonicalPostcode = postcode == null ? null : Postcode.normalise(postcode).orElse(postcode);
        return new LeakedRecordRow(row.line(), Integer.parseInt(dataset), labRecordId, bsn, row.value("surname"),
                birthDate, canonicalPostcode);
    }

    @Override
    public String key(Row row) {
        return row.value("lab_record_id");
    }
}
