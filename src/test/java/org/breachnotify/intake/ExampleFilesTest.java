package org.breachnotify.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.LocalDate;

import org.breachnotify.printhouse.DispatchFormat;
import org.breachnotify.printhouse.DispatchRow;
import org.breachnotify.printhouse.DispatchStatus;
import org.breachnotify.register.Address;
import org.breachnotify.register.Bsn;
import org.breachnotify.returnmail.AddressUpdateFormat;
import org.breachnotify.returnmail.AddressUpdateRow;
import org.breachnotify.returnmail.ReturnMailFormat;
import org.breachnotify.returnmail.ReturnMailRow;
import org.breachnotify.returnmail.ReturnReason;
import org.junit.jupiter.api.Test;

/** The example files of FORMATS.md (copied from shared/spec/examples into test resources) all parse. */
class ExampleFilesTest {

    private static InputStream example(String name) {
        return ExampleFilesTest.class.getResourceAsStream("examples/" + name);
    }

    @Test
    void participants_example() throws Exception {
        var result = Csv.participants(example("participants.csv"));

        assertThat(result.counts()).isEqualTo(new ReadCounts(3, 3, 0));
        assertThat(result.accepted()).usingRecursiveFieldByFieldElementComparator().containsExactly(
                new ParticipantRow(2, "P-000001", "111222333", "J.A.", "van der", "Berg", LocalDate.of(1968, 4, 12),
                        new Address("Kerkstraat", 12, "a", null, "1012 AB", "Amsterdam", "NL"), "nl", null, false,
                        null),
                new ParticipantRow(3, "P-000002", "123456782", "M.", null, "Jansen", LocalDate.of(1975, 11, 2),
                        new Address("Dorpsweg", 7, null, "2", "3511 AX", "Utrecht", "NL"), "nl",
                        "m.jansen@example.org", true, null),
                // 100000009: 1*9 - 9 = 0, divisible by 11, so it passes the elfproef.
                new ParticipantRow(4, "P-000003", "100000009", "E.", null, "Smith", LocalDate.of(1981, 1, 30),
                        new Address("Rue de la Loi", 16, null, null, "1000", "Bruxelles", "BE"), "en", null, false,
                        null));
        assertThat(Bsn.isValid("100000009")).isTrue();
    }

    @Test
    void leaked_records_example() throws Exception {
        var sink = new Csv.Collector<LeakedRecordRow>();
        ReadCounts counts = CsvReaders.readLeakedRecords("leaked-records.csv", example("leaked-records.csv"), sink);

        assertThat(counts).isEqualTo(new ReadCounts(2, 2, 0));
        assertThat(sink.accepted).containsExactly(
                new LeakedRecordRow(2, 1, "CD1-0000001", "111222333", null, LocalDate.of(1968, 4, 12), null),
                new LeakedRecordRow(3, 2, "CD2-0000001", null, "Jansen", LocalDate.of(1975, 11, 2), "3511 AX"));
    }

    @Test
    void dispatch_confirmation_example() throws Exception {
        var sink = new Csv.Collector<DispatchRow>();
        ReadCounts counts = CsvEngine.read("dispatch-confirmation.csv",
                example("dispatch-confirmation.csv"), new DispatchFormat(), sink);

        assertThat(counts).isEqualTo(new ReadCounts(2, 2, 0));
        assertThat(sink.accepted).containsExactly(
                new DispatchRow(2, "LTR-EXAMPLE-1", DispatchStatus.POSTED, LocalDate.of(2025, 9, 12), null),
                new DispatchRow(3, "LTR-EXAMPLE-2", DispatchStatus.FAILED, LocalDate.of(2025, 9, 12), "damaged"));
    }

    @Test
    void return_mail_example() throws Exception {
        var sink = new Csv.Collector<ReturnMailRow>();
        ReadCounts counts = CsvEngine.read("return-mail.csv", example("return-mail.csv"), new ReturnMailFormat(),
                sink);

        assertThat(counts).isEqualTo(new ReadCounts(1, 1, 0));
        assertThat(sink.accepted).containsExactly(
                new ReturnMailRow(2, "LTR-EXAMPLE-1", ReturnReason.MOVED, LocalDate.of(2025, 9, 20)));
    }

    @Test
    void address_updates_example() throws Exception {
        var sink = new Csv.Collector<AddressUpdateRow>();
        ReadCounts counts = CsvEngine.read("address-updates.csv", example("address-updates.csv"),
                new AddressUpdateFormat(LocalDate.now(Csv.CLOCK)), sink);

        assertThat(counts).isEqualTo(new ReadCounts(1, 1, 0));
        assertThat(sink.accepted).containsExactly(new AddressUpdateRow(2, "111222333",
                new Address("Singel", 100, null, null, "1015 AA", "Amsterdam", "NL"), null));
    }
}
