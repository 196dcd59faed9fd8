package org.breachnotify.returnmail;

import org.breachnotify.platform.PgCopy;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.breachnotify.intake.BatchingSink;
import org.breachnotify.intake.CsvEngine;
import org.breachnotify.intake.FieldRules;
import org.breachnotify.intake.FileImporter;
import org.breachnotify.intake.FileRefusedException;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ReadCounts;
import org.breachnotify.register.Address;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The population register as known from address-updates.csv files: the latest row per BSN wins. */
@Component
class RegisterUpdates implements PopulationRegister, FileImporter {
    private final JdbcTemplate jdbc;

    RegisterUpdates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FileType type() {
        return FileType.ADDRESS_UPDATES;
    }

    @Override
    public ReadCounts importRows(ImportContext ctx, InputStream in) throws IOException, FileRefusedException {
        BatchingSink<AddressUpdateRow> sink = new BatchingSink<>(ctx.rejections(), 10_000, rows -> insert(ctx, rows));
        ReadCounts counts = CsvEngine.read(ctx.fileName(), in,
                new AddressUpdateFormat(LocalDate.now(FieldRules.REGISTER_ZONE)), sink);
        sink.finish();
        return counts;
    }

    private void insert(ImportContext ctx, List<AddressUpdateRow> rows) {
        PgCopy.copy(jdbc, "register_update", """
                campaign_id, bsn, street, house_number, house_letter, house_number_suffix, postcode, city, country,
                deceased_date, import_file_id, source_line""", rows, row -> {
            Optional<Address> a = Optional.ofNullable(row.address());
            return new Object[]{ctx.campaignId(), row.bsn(), a.map(Address::street).orElse(null),
                    a.map(Address::houseNumber).orElse(null), a.map(Address::houseLetter).orElse(null),
                    a.map(Address::houseNumberSuffix).orElse(null), a.map(Address::postcode).orElse(null),
                    a.map(Address::city).orElse(null), a.map(Address::country).orElse(null), row.deceasedDate(),
                    ctx.importFileId(), row.line()};
        });
    }

    @Override
    public Optional<RegisterEntry> lookUp(long campaignId, String bsn) {
        return jdbc.query("""
                select street, house_number, house_letter, house_number_suffix, postcode, city, country, deceased_date
                from register_update where campaign_id = ? and bsn = ? order by id desc limit 1""", (rs, i) -> {
            Optional<Address> address = rs.getString(1) == null ? Optional.empty()
                    : Optional.of(new Address(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7) == null ? "NL" : rs.getString(7)));
            Date deceased = rs.getDate(8);
            return new RegisterEntry(address, Optional.ofNullable(deceased).map(Date::toLocalDate));
        }, campaignId, bsn).stream().findFirst();
    }
}
