package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.text.Normalizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignReportService;
import org.breachnotify.letter.LetterService;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Field cases 01 (names in decomposed Unicode, marks without a precomposed form) and 06 (no-break spaces, zero-width
 * spaces, soft hyphens), byte for byte as they were received, from import through matching to the letter's text.
 */
@ProcessTestContext
class InvisibleAndDecomposedTextTest {
    @Autowired
    CampaignFixture fixture;
    @Autowired
    ImportService imports;
    @Autowired
    LetterService letters;
    @Autowired
    CampaignReportService reports;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void decomposedNamesMatchTheirPlainCapitalsAndPrintComposed() throws Exception {
        Campaign campaign = fixture.newCampaign();
        ImportResult participants = load(campaign, "case-01", FileType.PARTICIPANTS, "participants.csv");
        assertThat(participants.accepted()).isEqualTo(4);
        assertThat(participants.rejected()).isZero();
        load(campaign, "case-01", FileType.LEAKED_RECORDS, "leaked-records.csv");
        fixture.matchAndStartJourneys(campaign);

        assertThat(groupOf(campaign, "N01")).isEqualTo("GROUP_1");
        assertThat(groupOf(campaign, "N02")).isEqualTo("GROUP_2");
        assertThat(groupOf(campaign, "N03")).isEqualTo("GROUP_3");
        assertThat(groupOf(campaign, "N04")).isEqualTo("GROUP_4");
        assertThat(reports.report(campaign.id()).matching().probable()).isEqualTo(2);
        assertThat(letterText(campaign, "N01")).contains("A. Müller");
        assertThat(letterText(campaign, "N02")).contains("T.H. Nguyễn");
        assertThat(letterText(campaign, "N03")).contains("O. Adébáyọ̀");
        assertThat(letterText(campaign, "N04")).contains("E. Çağlar");
    }

    @Test
    void noBreakSpacesAreSpacesAndInvisibleCharactersAreDropped() throws Exception {
        Campaign campaign = fixture.newCampaign();
        ImportResult participants = load(campaign, "case-06", FileType.PARTICIPANTS, "participants.csv");
        assertThat(participants.rejected()).as("rejections: %s", participants.firstRejections()).isZero();
        load(campaign, "case-06", FileType.LEAKED_RECORDS, "leaked-records.csv");
        fixture.matchAndStartJourneys(campaign);

        assertThat(jdbc.queryForObject("select p.postcode || '|' || l.kix from person p join letter l on l.person_id = p.id"
                + " where p.campaign_id = ? and p.participant_id = 'W01'", String.class, campaign.id()))
                .isEqualTo("2511 CV|2511CV12");
        assertThat(jdbc.queryForObject("select house_number || '|' || postcode from person where campaign_id = ?"
                + " and participant_id = 'W03'", String.class, campaign.id())).isEqualTo("7|3511 AX");
        assertThat(jdbc.queryForObject("select bsn from person where campaign_id = ? and participant_id = 'W06'",
                String.class, campaign.id())).isEqualTo("499468193");
        assertThat(groupOf(campaign, "W01")).isEqualTo("GROUP_3");
        assertThat(groupOf(campaign, "W02")).isEqualTo("GROUP_1");
        assertThat(groupOf(campaign, "W04")).isEqualTo("GROUP_1");
        assertThat(groupOf(campaign, "W05")).isEqualTo("GROUP_2");
        assertThat(letterText(campaign, "W01")).contains("2511 CV");
        assertThat(letterText(campaign, "W04")).contains("A. Jansen");
        assertThat(letterText(campaign, "W05")).contains("A. Bakker").doesNotContain("Bak-ker");
    }

    @Test
    void aNameTheLetterCannotPrintIsRefusedAtImportNamingFieldAndScriptWhileTheRestGetTheirLetters() throws Exception {
        Campaign campaign = fixture.newCampaign();
        ImportResult result = load(campaign, "case-03", FileType.PARTICIPANTS, "participants.csv");
        assertThat(result.accepted()).isEqualTo(4);
        assertThat(result.firstRejections()).extracting(Rejection::line, Rejection::key, Rejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "G01",
                                "surname is in the Han script (U+738B), which the letter font cannot print"),
                        org.assertj.core.groups.Tuple.tuple(3L, "G02",
                                "surname is in the Devanagari script, whose letters must be joined, which the letters"
                                        + " cannot print yet"));
        fixture.matchAndStartJourneys(campaign);
        // Hebrew and Arabic print right to left, Arabic joined; extraction reads them back in reading order
        assertThat(letterText(campaign, "G03")).contains("D. כהן");
        assertThat(java.text.Normalizer.normalize(letterText(campaign, "G04"), java.text.Normalizer.Form.NFKC))
                .contains("M. حداد");
        assertThat(letterText(campaign, "G05")).contains("N. ბერიძე");
        assertThat(letterText(campaign, "G06")).contains("J. Jansen");
        assertThat(reports.report(campaign.id()).engineCommands().parked()).isZero();
    }

    @Test
    void aRejectionSaysWhenAValueHeldAnInvisibleCharacter() {
        Campaign campaign = fixture.newCampaign();
        ImportResult result = fixture.importCsv(campaign, FileType.PARTICIPANTS, "participants.csv",
                CampaignFixture.PARTICIPANTS_HEADER,
                CampaignFixture.participant("Z01", "12345\u200B678", "Jansen", "1970-01-01", "1012 AB", "false", null));
        assertThat(result.rejected()).isOne();
        assertThat(result.firstRejections().get(0).reason()).contains("bsn")
                .contains("bsn held an invisible character, removed before checking");
    }

    private ImportResult load(Campaign campaign, String fieldCase, FileType type, String file)
            throws URISyntaxException {
        Path path = Path.of(getClass().getResource("field-cases/" + fieldCase + "/" + file).toURI());
        return imports.importFile(campaign.id(), type, file, path);
    }

    private String groupOf(Campaign campaign, String participantId) {
        return jdbc.queryForObject("select grp from person where campaign_id = ? and participant_id = ?",
                String.class, campaign.id(), participantId);
    }

    private String letterText(Campaign campaign, String participantId) throws IOException {
        String letterId = fixture.currentLetterOf(fixture.personId(campaign, participantId));
        try (PDDocument pdf = Loader.loadPDF(letters.pdf(letterId).orElseThrow())) {
            return Normalizer.normalize(new PDFTextStripper().getText(pdf), Normalizer.Form.NFC);
        }
    }
}
