package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.breachnotify.campaign.Campaign;
import org.breachnotify.support.CampaignFixture;
import org.breachnotify.support.ProcessTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Field cases 05 (values mangled by Excel), 07 (Dutch surname prefixes) and 12 (addresses abroad and in the Caribbean
 * Netherlands), byte for byte as received, with the outcome each case's {@code expected.txt} gives.
 */
@ProcessTestContext
class FieldCaseOutcomesTest {
    @Autowired
    FieldCases cases;
    @Autowired
    CampaignFixture fixture;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void case05ValuesExcelMangledAreRejectedPerLineAndRealOnesAccepted() throws Exception {
        Campaign campaign = fixture.newCampaign();
        ImportResult participants = cases.load(campaign, "case-05", FileType.PARTICIPANTS, "participants.csv");
        assertThat(List.of(participants.read(), participants.accepted(), participants.rejected()))
                .containsExactly(12L, 4L, 8L);
        Map<Long, String> reasons = reasonsByLine(participants);
        assertThat(reasons.keySet()).containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 9L, 10L, 11L, 13L);
        assertThat(reasons.get(3L)).contains("BSN", "8 digits instead of 9", "leading zero");
        assertThat(reasons.get(4L)).contains("BSN");
        assertThat(reasons.get(5L)).contains("birth_date");
        assertThat(reasons.get(6L)).contains("birth_date");
        assertThat(reasons.get(9L)).contains("birth_date");
        assertThat(reasons.get(10L)).contains("birth_date");
        assertThat(reasons.get(11L)).contains("birth_date");
        assertThat(reasons.get(13L)).contains("gp_smear_before_2017");
        assertThat(String.join(" ", reasons.values())).doesNotContain("16216623", "1900-02-29", "31-12-1970",
                "1899-12-31", "1970/12/31");

        ImportResult leaked = cases.load(campaign, "case-05", FileType.LEAKED_RECORDS, "leaked-records.csv");
        Map<Long, String> leakedReasons = reasonsByLine(leaked);
        assertThat(leakedReasons).containsKey(3L);
        assertThat(leakedReasons.get(3L)).contains("birth_date");
        // CD1-E01 lost its leading zero: rejected naming the lost zero (the case's accepted alternative), so that
        // the analysts fix the record rather than it silently matching nobody
        assertThat(leakedReasons.get(2L)).contains("leading zero");
        fixture.matchAndStartJourneys(campaign);
        assertThat(cases.groupOf(campaign, "E01")).isEqualTo("GROUP_3");
        assertThat(cases.groupOf(campaign, "E06")).isEqualTo("GROUP_3");
        assertThat(cases.groupOf(campaign, "E07")).isEqualTo("GROUP_2");
        assertThat(cases.letterText(campaign, "E11")).contains("Dorpsstraat 7").doesNotContain("Dorpsstraat 007");
    }

    @Test
    void case07DutchPrefixesAreWrittenAsTheRegisterWritesThemAndMatchTheirCapitalSpellings() throws Exception {
        Campaign campaign = fixture.newCampaign();
        assertThat(cases.load(campaign, "case-07", FileType.PARTICIPANTS, "participants.csv").accepted()).isEqualTo(8);
        cases.load(campaign, "case-07", FileType.LEAKED_RECORDS, "leaked-records.csv");
        fixture.matchAndStartJourneys(campaign);

        assertThat(cases.letterText(campaign, "V01")).contains("J.R. in het Zonnetje");
        assertThat(cases.letterText(campaign, "V02")).contains("In het Zonneveld");
        assertThat(cases.letterText(campaign, "V03")).contains("'t Wolkje").doesNotContain("'T Wolkje");
        assertThat(cases.letterText(campaign, "V04")).contains("C.T. van Groenen");
        assertThat(cases.letterText(campaign, "V05")).contains("A. van 't Hoff");
        assertThat(cases.letterText(campaign, "V06")).contains("H. ter Horst");
        assertThat(cases.letterText(campaign, "V07")).contains("P. D'Hondt");
        assertThat(cases.letterText(campaign, "V08")).contains("M. de la Rie");
        assertThat(cases.groupOf(campaign, "V05")).isEqualTo("GROUP_2");
        assertThat(cases.groupOf(campaign, "V06")).isEqualTo("GROUP_1");
        assertThat(cases.groupOf(campaign, "V07")).isEqualTo("GROUP_1");
        for (String id : List.of("V01", "V02", "V03", "V04", "V05", "V06", "V07", "V08")) {
            assertThat(cases.letterText(campaign, id).toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain("mevrouw", "meneer", "geachte heer");
        }
    }

    @Test
    void case12AddressesAbroadFollowTheirCountrysOrderAndTheCaribbeanNetherlandsNeedsNoPostcode() throws Exception {
        Campaign campaign = fixture.newCampaign();
        ImportResult participants = cases.load(campaign, "case-12", FileType.PARTICIPANTS, "participants.csv");
        assertThat(List.of(participants.read(), participants.accepted(), participants.rejected()))
                .containsExactly(7L, 5L, 2L);
        Map<Long, String> reasons = reasonsByLine(participants);
        assertThat(reasons.get(3L)).contains("postcode");
        assertThat(reasons.get(5L)).contains("country", "GB");
        fixture.matchAndStartJourneys(campaign);

        assertThat(addressBlock(campaign, "B01")).containsSequence("Kaya Grandi 12", "KRALENDIJK",
                "CARIBISCH NEDERLAND");
        assertThat(addressBlock(campaign, "B03")).containsSequence("Rue de la Loi 16", "1000 BRUXELLES", "BELGIUM");
        assertThat(addressBlock(campaign, "B05")).containsSequence("10 Downing Street", "LONDON", "SW1A 2AA",
                "UNITED KINGDOM");
        assertThat(addressBlock(campaign, "B06")).containsSequence("Straße des 17. Juni 135", "10623 BERLIN",
                "DUITSLAND");
        assertThat(addressBlock(campaign, "B07")).containsSequence("Markt 1", "9999 ZZ  UITHUIZERMEEDEN");
        assertThat(jdbc.queryForList("select l.kix from letter l join person p on p.id = l.person_id"
                + " where p.campaign_id = ? and l.kix is not null", String.class, campaign.id()))
                .containsExactly("9999ZZ1");
    }

    private static Map<Long, String> reasonsByLine(ImportResult result) {
        return result.firstRejections().stream().collect(Collectors.toMap(Rejection::line, Rejection::reason));
    }

    /** The letter's lines as the text stripper reads them (the address block is one column of lines). */
    private List<String> addressBlock(Campaign campaign, String participantId) throws IOException {
        return cases.letterText(campaign, participantId).lines().map(String::strip).toList();
    }
}
