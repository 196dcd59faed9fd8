package org.breachnotify.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.breachnotify.letter.LetterTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Campaign timings and sizes: ISO-8601 read right, each value kept to its range, the defaults checked at start. */
class CampaignSettingsTest {

    @ParameterizedTest
    @CsvSource({
            "P1M, PT720H",       // a month counts 30 days, not zero as Period.getDays() made it
            "P42D, PT1008H",
            "PT10M, PT10M",
            "P1DT2H, PT26H",
            "P1Y, PT8760H",
            "P2W, PT336H",
            "PT0.5S, PT0.5S",
            "PT0S, PT0S",
            "P1Y2M3DT4H5M6S, PT10276H5M6S"})
    void periods_durations_and_mixed_forms_are_read_as_their_length(String iso, String length) {
        assertThat(CampaignSettings.parse(iso)).contains(Duration.parse(length));
    }

    @Test
    void a_batch_max_wait_of_a_month_is_a_month_and_not_zero() {
        assertThat(new CampaignSettings("PT1M", "P42D", 100, "P1M").batchMaxWaitDuration())
                .isEqualTo(Duration.ofDays(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10 minutes", "pt1m", "P", "PT", "P1H", "PT1D", "1D", " PT1M", "P1.5D"})
    void text_that_is_not_an_iso_duration_is_not_read(String text) {
        assertThat(CampaignSettings.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-1D", "-P1D", "PT-1S", "-PT10M"})
    void negative_durations_are_read_as_negative(String text) {
        assertThat(CampaignSettings.parse(text)).hasValueSatisfying(d -> assertThat(d).isNegative());
    }

    @Test
    void the_values_of_the_demo_the_defaults_the_tests_and_the_benchmark_are_in_range() {
        new CampaignSettings("PT5S", "PT3M", 500, "PT15S").check();
        new CampaignSettings("PT1M", "P42D", 5000, "PT10M").check();
        new CampaignSettings("PT1M", "PT10M", 100, "PT0S").check();
        new CampaignSettings("PT1H", "P42D", 5000, "PT0S").check();
        new CampaignSettings("PT1S", "PT15S", 100, "PT2S").check();
        // the bounds themselves
        new CampaignSettings("P1D", "P1Y", 100_000, "P7D").check();
        new CampaignSettings("PT1S", "PT1S", 1, "PT0S").check();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PT0S   | P42D  | 100    | PT0S   | roundInterval must be from PT1S to P1D: PT0S",
            "PT0.5S | P42D  | 100    | PT0S   | roundInterval must be from PT1S to P1D: PT0.5S",
            "P2D    | P42D  | 100    | PT0S   | roundInterval must be from PT1S to P1D: P2D",
            "PT1M   | P-1D  | 100    | PT0S   | returnWindow must be from PT1S to P1Y (it is negative): P-1D",
            "PT1M   | PT0S  | 100    | PT0S   | returnWindow must be from PT1S to P1Y: PT0S",
            "PT1M   | P2Y   | 100    | PT0S   | returnWindow must be from PT1S to P1Y: P2Y",
            "PT1M   | P42D  | 0      | PT0S   | batchSize must be a whole number from 1 to 100000, not 0",
            "PT1M   | P42D  | -5     | PT0S   | batchSize must be a whole number from 1 to 100000, not -5",
            "PT1M   | P42D  | 100001 | PT0S   | batchSize must be a whole number from 1 to 100000, not 100001",
            "PT1M   | P42D  | 100    | -PT1S  | batchMaxWait must be from PT0S to P7D (it is negative): -PT1S",
            "PT1M   | P42D  | 100    | P1M    | batchMaxWait must be from PT0S to P7D: P1M"})
    void a_value_out_of_its_range_is_refused_naming_the_field_and_the_range(String roundInterval, String returnWindow,
                                                                          int batchSize, String batchMaxWait,
                                                                          String message) {
        assertThatThrownBy(() -> new CampaignSettings(roundInterval, returnWindow, batchSize, batchMaxWait).check())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void an_unreadable_duration_is_refused_naming_the_field_and_the_range() {
        assertThatThrownBy(() -> new CampaignSettings("PT1M", "six weeks", 100, "PT0S").check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("returnWindow must be an ISO-8601 duration from PT1S to P1Y (e.g. PT30S, PT10M, P1DT2H,"
                        + " P42D, P1M): six weeks");
        assertThatThrownBy(() -> new CampaignSettings(null, "P42D", 100, "PT0S").check())
                .hasMessageStartingWith("roundInterval must be an ISO-8601 duration from PT1S to P1D");
    }

    @Test
    void a_template_set_version_that_could_leave_the_templates_folder_is_refused() {
        assertThatThrownBy(() -> new CampaignSettings("PT1M", "P42D", 100, "PT0S", "../v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("letterTemplates");
    }

    // --- the defaults (breachnotify.campaign-defaults.*)

    @Configuration
    @EnableConfigurationProperties(CampaignDefaults.class)
    static class Defaults {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Defaults.class)
            .withPropertyValues("breachnotify.campaign-defaults.round-interval=PT1M",
                    "breachnotify.campaign-defaults.return-window=P42D",
                    "breachnotify.campaign-defaults.batch-size=5000",
                    "breachnotify.campaign-defaults.batch-max-wait=PT10M",
                    "breachnotify.campaign-defaults.letter-templates=v1");

    @Test
    void defaults_in_range_are_bound() {
        context.run(c -> assertThat(c).hasNotFailed().getBean(CampaignDefaults.class)
                .extracting(CampaignDefaults::returnWindow).isEqualTo("P42D"));
    }

    @ParameterizedTest
    @CsvSource({
            "round-interval, PT0S, roundInterval must be from PT1S to P1D",
            "return-window, P-1D, returnWindow must be from PT1S to P1Y",
            "batch-size, 0, batchSize must be a whole number from 1 to 100000",
            "batch-max-wait, ten minutes, batchMaxWait must be an ISO-8601 duration"})
    void a_default_out_of_range_stops_the_start_with_the_field_named(String key, String value, String message) {
        context.withPropertyValues("breachnotify.campaign-defaults." + key + "=" + value).run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause().hasMessageStartingWith(message);
            assertThat(c.getStartupFailure()).hasMessageContaining("breachnotify.campaign-defaults");
        });
    }

    @Test
    void a_default_template_set_that_does_not_exist_stops_the_start() {
        CampaignDefaults defaults = new CampaignDefaults("PT1M", "P42D", 5000, "PT10M", "v9");

        assertThatThrownBy(() -> new CampaignService(null, null, defaults, new LetterTemplates(), Path.of("inbox")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("breachnotify.campaign-defaults.letter-templates: letterTemplates must name an existing"
                        + " letter template set; there is no template set v9");
    }
}
