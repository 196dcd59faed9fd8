package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.campaign.CampaignReportService;
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
    FieldCases cases;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    CampaignReportService reports;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void decomposedNamesMatchTheirPlainCapitalsAndPrintComposed() throws Exception {
        Campaign campaign = fixture.newCampaign();
        ImportResult participants = cases.load(campaign, "case-01", FileType.PARTICIPANTS, "participants.csv");
        assertThat(participants.accepted()).isEqualTo(4);
        assertThat(participants.rejected()).isZero();
        cases.load(campaign, "case-01", FileType.LEAKED_RECORDS, "leaked-records.csv");
        fixture.matchAndStartJourneys(campaign);

        assertThat(cases.groupOf(campaign, "N01")).isEqualTo("GROUP_1");
        assertThat(cases.groupOf(campaign, "N02")).isEqualTo("GROUP_2");
        assertThat(cases.groupOf(campaign, "N03")).isEqualTo("GROUP_3");
        assertThat(cases.groupOf(campaign, "N04")).isEqualTo("GROUP_4");
        assertThat(reports.report(campaign.id()).matching().probable()).isEqualTo(2);
        assertThat(cases.letterText(campaign, "N01")).contains("A. Müller");
        assertThat(cases.letterText(campaign, "N02")).contains("T.H. Nguyễn");
        assertThat(cases.letterText(campaign, "N03")).contains("O. Adébáyọ̀");
        assertThat(cases.letterText(campaign, "N04")).contains("E. Çağlar");
    }

    @Test
    void noBreakSpacesAreSpacesAndInvisibleCharactersAreDropped() throws Exception {
        Campaign campaign = fixture.newCampaign();
        ImportResult participants = cases.load(campaign, "case-06", FileType.PARTICIPANTS, "participants.csv");
        assertThat(participants.rejected()).as("rejections: %s", participants.firstRejections()).isZero();
        cases.load(campaign, "case-06", FileType.LEAKED_RECORDS, "leaked-records.csv");
        fixture.matchAndStartJourneys(campaign);

        assertThat(jdbc.queryForObject("select p.postcode || '|' || l.kix from person p join letter l on l.person_id = p.id"
                + " where p.campaign_id = ? and p.participant_id = 'W01'", String.class, campaign.id()))
                .isEqualTo("2511 CV|2511CV12");
        assertThat(jdbc.queryForObject("select house_number || '|' || postcode from person where campaign_id = ?"
                + " and participant_id = 'W03'", String.class, campaign.id())).isEqualTo("7|3511 AX");
        assertThat(jdbc.queryForObject("select bsn from person where campaign_id = ? and participant_id = 'W06'",
                String.class, campaign.id())).isEqualTo("499468193");
        assertThat(cases.groupOf(campaign, "W01")).isEqualTo("GROUP_3");
        assertThat(cases.groupOf(campaign, "W02")).isEqualTo("GROUP_1");
        assertThat(cases.groupOf(campaign, "W04")).isEqualTo("GROUP_1");
        assertThat(cases.groupOf(campaign, "W05")).isEqualTo("GROUP_2");
        assertThat(cases.letterText(campaign, "W01")).contains("2511 CV");
        assertThat(cases.letterText(campaign, "W04")).contains("A. Jansen");
        assertThat(cases.letterText(campaign, "W05")).contains("A. Bakker").doesNotContain("Bak-ker");
    }

    @Test
    void aNameTheLetterCannotPrintIsRefusedAtImportNamingFieldAndScriptWhileTheRestGetTheirLetters() throws Exception {
        Campaign campaign = fixture.newCampaign();
        ImportResult result = cases.load(campaign, "case-03", FileType.PARTICIPANTS, "participants.csv");
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
        assertThat(cases.letterText(campaign, "G03")).contains("D. כהן");
        assertThat(java.text.Normalizer.normalize(cases.letterText(campaign, "G04"), java.text.Normalizer.Form.NFKC))
                .contains("M. حداد");
        assertThat(cases.letterText(campaign, "G05")).contains("N. ბერიძე");
        assertThat(cases.letterText(campaign, "G06")).contains("J. Jansen");
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
}
