package org.breachnotify.intake;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.breachnotify.printhouse.DispatchFormat;
import org.breachnotify.printhouse.DispatchRow;
import org.breachnotify.returnmail.AddressUpdateFormat;
import org.breachnotify.returnmail.AddressUpdateRow;
import org.breachnotify.returnmail.ReturnMailFormat;
import org.breachnotify.returnmail.ReturnMailRow;

/** Test helpers: inline CSV text in, everything the sink received out. */
final class Csv {
    /** 2025-09-15, the week the letters went out. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-15T10:00:00Z"), ZoneId.of("Europe/Amsterdam"));

    static final String PARTICIPANT_HEADER = "participant_id,bsn,initials,surname_prefix,surname,birth_date,street,"
            + "house_number,house_letter,house_number_suffix,postcode,city,country,language,email,"
            + "gp_smear_before_2017,deceased_date";

    private static final Map<String, String> VALID_PARTICIPANT = new LinkedHashMap<>();

    static {
        for (String column : PARTICIPANT_HEADER.split(",")) {
            VALID_PARTICIPANT.put(column, "");
        }
        VALID_PARTICIPANT.putAll(Map.of("participant_id", "P-000001", "bsn", "111222333", "initials", "J.A.",
                "surname_prefix", "van der", "surname", "Berg", "birth_date", "1968-04-12", "street", "Kerkstraat",
                "house_number", "12", "postcode", "1012 AB", "city", "Amsterdam"));
    }

    private Csv() {
    }

    /** A valid participants.csv line in header order, with some columns replaced (quoted where needed). */
    static String participant(String... columnValuePairs) {
        Map<String, String> values = new LinkedHashMap<>(VALID_PARTICIPANT);
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            if (!values.containsKey(columnValuePairs[i])) {
                throw new IllegalArgumentException(columnValuePairs[i]);
            }
            values.put(columnValuePairs[i], columnValuePairs[i + 1]);
        }
        return values.values().stream().map(Csv::quote).collect(Collectors.joining(","));
    }

    static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static Result<ParticipantRow> participants(String text) throws Exception {
        return participants(utf8(text));
    }

    static Result<ParticipantRow> participants(InputStream in) throws Exception {
        Collector<ParticipantRow> sink = new Collector<>();
        ReadCounts counts = CsvReaders.readParticipants("participants.csv", in, sink, CLOCK);
        return sink.result(counts);
    }

    static Result<LeakedRecordRow> leaked(String text) throws Exception {
        Collector<LeakedRecordRow> sink = new Collector<>();
        return sink.result(CsvReaders.readLeakedRecords("leaked-records.csv", utf8(text), sink));
    }

    static Result<DispatchRow> dispatch(String text) throws Exception {
        Collector<DispatchRow> sink = new Collector<>();
        return sink.result(CsvEngine.read("dispatch-confirmation.csv", utf8(text), new DispatchFormat(), sink));
    }

    static Result<ReturnMailRow> returnMail(String text) throws Exception {
        Collector<ReturnMailRow> sink = new Collector<>();
        return sink.result(CsvEngine.read("return-mail.csv", utf8(text), new ReturnMailFormat(), sink));
    }

    static Result<AddressUpdateRow> addressUpdates(String text) throws Exception {
        Collector<AddressUpdateRow> sink = new Collector<>();
        return sink.result(CsvEngine.read("address-updates.csv", utf8(text),
                new AddressUpdateFormat(LocalDate.now(CLOCK)), sink));
    }

    record Result<T>(ReadCounts counts, List<T> accepted, List<Rejection> rejected) {
        T only() {
            if (accepted.size() != 1 || !rejected.isEmpty()) {
                throw new AssertionError("expected one accepted row, got " + accepted + " and " + rejected);
            }
            return accepted.get(0);
        }

        Rejection onlyRejection() {
            if (rejected.size() != 1 || !accepted.isEmpty()) {
                throw new AssertionError("expected one rejection, got " + accepted + " and " + rejected);
            }
            return rejected.get(0);
        }
    }

    static final class Collector<T> implements RowSink<T> {
        final List<T> accepted = new ArrayList<>();
        final List<Rejection> rejected = new ArrayList<>();

        @Override
        public void accept(T row) {
            accepted.add(row);
        }

        @Override
        public void reject(Rejection rejection) {
            rejected.add(rejection);
        }

        Result<T> result(ReadCounts counts) {
            if (counts.accepted() != accepted.size() || counts.rejected() != rejected.size()) {
                throw new AssertionError("counts " + counts + " differ from what the sink received");
            }
            return new Result<>(counts, accepted, rejected);
        }
    }
}
