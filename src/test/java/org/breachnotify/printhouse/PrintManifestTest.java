package org.breachnotify.printhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachnotify.support.CampaignFixture.PARTICIPANTS_HEADER;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.intake.FileType;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.breachnotify.support.TestBsn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The print manifest is opened in a spreadsheet at the print house: no value in it may act as a formula. */
@ProcessTestContext
class PrintManifestTest {
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"open\")";

    @Autowired
    CampaignFixture fixture;
    @Autowired
    PrintBatchService batches;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${breachnotify.export-dir}")
    Path exportDir;

    @Test
    void aFormulaInAPostcodeFromBeforeTheImportRuleIsWrittenAsText() throws Exception {
        Campaign campaign = fixture.newCampaign();
        fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv", PARTICIPANTS_HEADER,
                String.join(",", "P-1", TestBsn.valid(61), "A.B.", "", "Peeters", "1970-03-04", "Rue de la Loi", "16",
                        "", "", "1000", "Bruxelles", "BE", "nl", "", "false", ""));
        fixture.matchAndStartJourneys(campaign);
        // A letter made before the import refused such postcodes (today's import rejects it, see
        // NameAndAddressShapeTest): what is in the database still goes to the print house.
        String letter = fixture.currentLetterOf(fixture.personId(campaign, "P-1"));
        jdbc.update("update letter set postcode = ? where id = ?", FORMULA, letter);

        List<String> delivered = batches.cutAndDeliver(fixture.campaign(campaign.id()));

        assertThat(delivered).hasSize(1);
        Path manifest = exportDir.resolve(delivered.get(0)).resolve(delivered.get(0) + ".csv");
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(manifest)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("letter_id")).isEqualTo(letter);
            assertThat(row.get("postcode")).isEqualTo("'" + FORMULA);
            assertThat(row.get("country")).isEqualTo("BE");
            assertThat(row.get("sequence")).isEqualTo("1");
        });
        // plain for the print house's reader (FORMATS.md), quoted only where RFC 4180 needs it
        assertThat(Files.readAllLines(manifest).get(1)).startsWith("1," + letter + ",")
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\",");
    }
}
