package org.breachnotify.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.breachnotify.letter.LetterTemplates.Block;
import org.breachnotify.letter.LetterTemplates.Kind;
import org.breachnotify.register.Group;

class LetterTemplatesTest {

    private final LetterTemplates templates = new LetterTemplates();

    @Test
    void headings_paragraphs_and_bullets_are_read_as_editors_write_them() {
        List<Block> body = templates.get("format-test", "nl", "GROUP_1").body();

        assertThat(body).containsExactly(
                new Block(Kind.HEADING, "Onderwerp", true, false),
                new Block(Kind.PARAGRAPH, "Beste {{salutationName}},", true, true),
                new Block(Kind.PARAGRAPH, "Een alinea die over twee regels loopt voor Org.", true, false),
                new Block(Kind.PARAGRAPH, "Inleiding:", false, false),
                new Block(Kind.BULLET, "eerste punt dat doorloopt", false, false),
                new Block(Kind.BULLET, "tweede punt", true, false),
                new Block(Kind.HEADING, "Kop", false, false),
                new Block(Kind.PARAGRAPH, "Tekst direct onder de kop.", true, false));
        assertThat(LetterTemplates.Template.fill(body.get(1), Map.of("salutationName", "J. Jansen")))
                .isEqualTo("Beste J. Jansen,");
    }

    @Test
    void a_placeholder_the_renderer_does_not_know_fails_when_the_template_is_loaded() {
        assertThatThrownBy(() -> templates.get("format-test", "nl", "GROUP_2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{{bsn}}");
    }

    @Test
    void the_frame_texts_come_from_the_language_folder() {
        LetterTemplates.Frame frame = templates.get("v1", "en", "GROUP_1").frame();

        assertThat(frame.letterIdLabel()).isEqualTo("Letter id");
        assertThat(frame.pageOf(1, 2)).isEqualTo("Page 1 of 2");
    }

    @Test
    void campaign_details_come_from_the_properties_and_personal_values_stay_placeholders() {
        String text = String.join("\n", templates.get("v1", "nl", "GROUP_1").body().stream()
                .map(Block::text).toList());

        assertThat(text).contains("0800-0000000", "privacy@bevolkingsonderzoeknederland.example",
                "https://verify.example/brief", "Clinical Diagnostics", "{{letterId}}", "{{lookupReference}}");
        assertThat(text).doesNotContain("{{helpline}}", "{{dpoEmail}}", "{{verifyUrl}}");
    }

    @Test
    void every_group_has_a_letter_and_a_corrective_letter_in_both_languages() {
        for (String language : List.of("nl", "en")) {
            for (Group group : List.of(Group.GROUP_1, Group.GROUP_2, Group.GROUP_3, Group.GROUP_4)) {
                assertThat(templates.get("v1", language, LetterTemplates.bodyName(group, false)).body()).isNotEmpty();
                List<Block> corrective = templates.get("v1", language, LetterTemplates.bodyName(group, true)).body();
                assertThat(corrective.stream().map(Block::text))
                        .anyMatch(t -> t.contains("{{previousLetterId}}"))
                        .anyMatch(t -> t.contains("{{previousLetterDate}}"));
            }
        }
    }

    @Test
    void a_template_set_on_disk_is_used_and_fingerprinted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path nl = java.nio.file.Files.createDirectories(dir.resolve("v7/nl"));
        java.nio.file.Files.writeString(nl.resolve("letter.properties"), """
                organisation=Org
                returnAddress=Retour
                label.date=Datum
                label.letterId=Briefnummer
                label.reference=Controlecode
                pageOf=Pagina %d van %d
                helpline=0800-1234
                """);
        java.nio.file.Files.writeString(nl.resolve("GROUP_1.txt"), "# Onderwerp\n\nBel {{helpline}}.\n");
        LetterTemplates onDisk = new LetterTemplates(dir);
        String before = onDisk.fingerprint("v7");

        assertThat(onDisk.get("v7", "nl", "GROUP_1").body().get(1).text()).isEqualTo("Bel 0800-1234.");
        assertThat(onDisk.has("v7", "nl", "GROUP_2")).isFalse();
        java.nio.file.Files.writeString(nl.resolve("GROUP_1.txt"), "# Onderwerp\n\nBel ons.\n");
        assertThat(new LetterTemplates(dir).fingerprint("v7")).isNotEqualTo(before);
    }

    @Test
    void a_template_version_cannot_point_outside_the_letters_folder() {
        assertThatThrownBy(() -> templates.get("../fonts", "nl", "GROUP_1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
