package org.breachnotify.intake;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.text.Normalizer;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.breachnotify.campaign.Campaign;
import org.breachnotify.letter.LetterService;
import org.breachnotify.support.CampaignFixture;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The field cases' files (copied byte for byte under {@code field-cases/case-NN/}) fed to a campaign, and what came of
 * them: a person's group and the text of their letter.
 */
@Component
class FieldCases {
    private final CampaignFixture fixture;
    private final ImportService imports;
    private final LetterService letters;
    private final JdbcTemplate jdbc;

    FieldCases(CampaignFixture fixture, ImportService imports, LetterService letters, JdbcTemplate jdbc) {
        this.fixture = fixture;
        this.imports = imports;
        this.letters = letters;
        this.jdbc = jdbc;
    }

    ImportResult load(Campaign campaign, String fieldCase, FileType type, String file) throws URISyntaxException {
        Path path = Path.of(getClass().getResource("field-cases/" + fieldCase + "/" + file).toURI());
        return imports.importFile(campaign.id(), type, file, path);
    }

    String groupOf(Campaign campaign, String participantId) {
        return jdbc.queryForObject("select grp from person where campaign_id = ? and participant_id = ?",
                String.class, campaign.id(), participantId);
    }

    /** The text of the person's current letter as PDFBox extracts it, in NFC. */
    String letterText(Campaign campaign, String participantId) throws IOException {
        String letterId = fixture.currentLetterOf(fixture.personId(campaign, participantId));
        try (PDDocument pdf = Loader.loadPDF(letters.pdf(letterId).orElseThrow())) {
            return Normalizer.normalize(new PDFTextStripper().getText(pdf), Normalizer.Form.NFC);
        }
    }
}
