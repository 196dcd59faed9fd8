package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Register files exactly as they reached us (shared/field-cases 04 and 11, copied byte for byte into
 * test resources), imported through the real importer into the real database.
 */
@ProcessTestContext
class FieldCaseFilesTest {
    private static final String SAVE_AS = "save it in Excel with 'Save As' and 'CSV UTF-8 (comma delimited) (*.csv)'";

    @Autowired
    CampaignFixture fixture;
    @Autowired
    ImportService imports;
    @Autowired
    JdbcTemplate jdbc;

    private Campaign campaign;

    @BeforeEach
    void setUp() {
        campaign = fixture.newCampaign();
    }

    @Test
    void aDutchExcelCsvWithSemicolonsIsRefusedNamingTheSeparatorAndHowToSaveIt() {
        ImportResult result = importFile("participants-semicolon.csv");

        assertThat(result.status()).isEqualTo(ImportResult.REFUSED);
        assertThat(result.message()).isEqualTo("participants-semicolon.csv: the columns are separated by ';'"
                + " instead of ',' (Excel does this for 'CSV' on a computer with Dutch settings); nothing was"
                + " imported; " + SAVE_AS);
        assertThat(participantIds()).isEmpty();
    }

    @Test
    void anExcelUnicodeTextFileIsRefusedNamingTheEncodingAndHowToSaveIt() {
        ImportResult result = importFile("participants-utf16.csv");

        assertThat(result.status()).isEqualTo(ImportResult.REFUSED);
        assertThat(result.message()).isEqualTo("participants-utf16.csv: the file is saved as UTF-16 (Excel's"
                + " 'Unicode Text'), not as UTF-8; nothing was imported; " + SAVE_AS);
        assertThat(participantIds()).isEmpty();
    }

    @Test
    void aWindows1252FileRejectsEachLineWithBytesThatAreNotUtf8AndKeepsTheOthers() {
        ImportResult result = importFile("participants-ansi.csv");

        assertThat(result.status()).isEqualTo(ImportResult.IMPORTED);
        assertThat(List.of(result.read(), result.accepted(), result.rejected())).containsExactly(5L, 2L, 3L);
        String reason = "line contains bytes that are not valid UTF-8 (save the file as UTF-8)";
        assertThat(result.firstRejections()).extracting(Rejection::line, Rejection::key, Rejection::reason)
                .containsExactly(tuple(3L, "S02", reason), tuple(5L, "S04", reason), tuple(6L, "S05", reason));
        assertThat(participantIds()).containsExactly("S01", "S03");
    }

    @Test
    void anExcelCsvUtf8FileWithByteOrderMarkIsReadWithItsAccentsIntact() {
        ImportResult result = importFile("participants-utf8bom.csv");

        assertThat(List.of(result.read(), result.accepted(), result.rejected())).containsExactly(2L, 2L, 0L);
        assertThat(participantIds()).containsExactly("U01", "U02");
        assertThat(jdbc.queryForObject("select surname from person where campaign_id = ? and participant_id = 'U02'",
                String.class, campaign.id())).isEqualTo("M\u00FCller-L\u00FCdenscheidt");
    }

    @Test
    void structureFaultsAreRejectedAtThePhysicalLineWhereTheirRowStarts() {
        ImportResult result = importFile("participants-structure.csv");

        assertThat(result.status()).isEqualTo(ImportResult.IMPORTED);
        // The separators-only line 6 is blank, not a row.
        assertThat(List.of(result.read(), result.accepted(), result.rejected())).containsExactly(6L, 3L, 3L);
        assertThat(result.firstRejections()).extracting(Rejection::line, Rejection::key, Rejection::reason)
                .containsExactly(
                        tuple(3L, "C02", "street contains a line break or another control character"),
                        tuple(7L, null, "line has 18 values but the header has 17 columns (the extra values at the"
                                + " end are empty: is there a separator too many?)"),
                        tuple(8L, null, "line repeats the header row (were two files joined together?); the rows"
                                + " after it are read as usual"));
        assertThat(participantIds()).containsExactly("C01", "C03", "C06");
        assertThat(jdbc.queryForList("select source_line from person where campaign_id = ? order by source_line",
                Long.class, campaign.id())).containsExactly(2L, 5L, 9L);
        assertThat(jdbc.queryForObject("select street from person where campaign_id = ? and participant_id = 'C01'",
                String.class, campaign.id())).isEqualTo("Laan van Meerdervoort, achterhuis");
    }

    @Test
    void aMacintoshCsvWithCarriageReturnsOnlyIsReadLineByLine() {
        ImportResult result = importFile("participants-mac-cr.csv");

        assertThat(List.of(result.read(), result.accepted(), result.rejected())).containsExactly(2L, 2L, 0L);
        assertThat(jdbc.queryForList("select participant_id || '@' || source_line from person where campaign_id = ?"
                + " order by participant_id", String.class, campaign.id())).containsExactly("M01@2", "M02@3");
    }

    @Test
    void anUnclosedQuoteRefusesTheFileNamingTheLineWhereItOpens() {
        ImportResult result = importFile("participants-unclosed-quote.csv");

        assertThat(result.status()).isEqualTo(ImportResult.REFUSED);
        assertThat(result.message()).isEqualTo("participants-unclosed-quote.csv: line 3: a double quote opened in"
                + " the row starting on this line is never closed, so the rest of the file cannot be split into"
                + " rows");
        assertThat(participantIds()).isEmpty();
    }

    private ImportResult importFile(String name) {
        try {
            Path file = Path.of(FieldCaseFilesTest.class.getResource("field-cases/" + name).toURI());
            return imports.importFile(campaign.id(), FileType.PARTICIPANTS, name, file);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> participantIds() {
        return jdbc.queryForList("select participant_id from person where campaign_id = ? order by participant_id",
                String.class, campaign.id());
    }
}
