package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileTypeTest {

    @ParameterizedTest
    @CsvSource({
            "participants.csv,PARTICIPANTS",
            "Participants-2025-09-01.CSV,PARTICIPANTS",
            "/in/drop/participants_v2.csv,PARTICIPANTS",
            "C:\\drop\\LEAKED-RECORDS.csv,LEAKED_RECORDS",
            "leaked-records-dataset2.csv,LEAKED_RECORDS",
            "dispatch-confirmation-B0001.csv,DISPATCH_CONFIRMATION",
            "return-mail-20250920.csv,RETURN_MAIL",
            "address-updates.csv,ADDRESS_UPDATES"})
    void recognises_each_format_by_its_name(String name, FileType expected) {
        assertThat(FileType.fromFileName(name)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"participants.xlsx", "participants.csv.bak", "my-participants.csv", "leaked.csv",
            "returnmail.csv", ""})
    void answers_empty_for_other_names(String name) {
        assertThat(FileType.fromFileName(name)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void answers_empty_for_null() {
        assertThat(FileType.fromFileName(null)).isEqualTo(Optional.empty());
    }
}
