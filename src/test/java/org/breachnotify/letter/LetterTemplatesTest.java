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
        List<Block> body = templates.get("format-test", "nl", Group.GROUP_1).fill(Map.of(
                "salutationName", "J. Jansen", "letterId", "L", "lookupReference", "R", "letterDate", "D"));

        assertThat(body).containsExactly(
                new Block(Kind.HEADING, "Onderwerp", true),
                new Block(Kind.PARAGRAPH, "Beste J. Jansen,", true),
                new Block(Kind.PARAGRAPH, "Een alinea die over twee regels loopt.", true),
                new Block(Kind.PARAGRAPH, "Inleiding:", false),
                new Block(Kind.BULLET, "eerste punt dat doorloopt", false),
                new Block(Kind.BULLET, "tweede punt", true),
                new Block(Kind.HEADING, "Kop", false),
                new Block(Kind.PARAGRAPH, "Tekst direct onder de kop.", true));
    }

    @Test
    void a_placeholder_the_renderer_does_not_know_fails_when_the_template_is_loaded() {
        assertThatThrownBy(() -> templates.get("format-test", "nl", Group.GROUP_2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{{bsn}}");
    }

    @Test
    void the_frame_texts_come_from_the_language_folder() {
        LetterTemplates.Frame frame = templates.get("v1", "en", Group.GROUP_1).frame();

        assertThat(frame.letterIdLabel()).isEqualTo("Letter id");
        assertThat(frame.pageOf(1, 2)).isEqualTo("Page 1 of 2");
    }

    @Test
    void a_template_version_cannot_point_outside_the_letters_folder() {
        assertThatThrownBy(() -> templates.get("../fonts", "nl", Group.GROUP_1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
