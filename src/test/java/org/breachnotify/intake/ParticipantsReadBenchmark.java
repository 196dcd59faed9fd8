package org.breachnotify.intake;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Throughput check, not a unit test (surefire skips *Benchmark*): writes a 941,000-row participants.csv to a temp
 * directory and reads it. Run: {@code java -cp <test-classpath> org.breachnotify.intake.ParticipantsReadBenchmark}.
 */
public final class ParticipantsReadBenchmark {
    private static final int ROWS = 941_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("intake-benchmark");
        Path file = dir.resolve("participants.csv");
        try {
            write(file);
            System.out.printf("file: %,d rows, %,d bytes%n", ROWS, Files.size(file));
            for (int run = 1; run <= 3; run++) {
                rawParse(file, run);
                read(file, run);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void read(Path file, int run) throws Exception {
        long[] accepted = {0};
        long[] rejected = {0};
        RowSink<ParticipantRow> sink = new RowSink<>() {
            @Override
            public void accept(ParticipantRow row) {
                accepted[0]++;
            }

            @Override
            public void reject(Rejection rejection) {
                rejected[0]++;
            }
        };
        System.gc();
        long start = System.nanoTime();
        ReadCounts counts;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            counts = CsvReaders.readParticipants("participants.csv", in, sink);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("run %d: %s in %.2f s = %,.0f rows/s (heap in use after: %,d MB)%n", run, counts, seconds,
                counts.read() / seconds, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** Baseline: commons-csv alone, no validation, to see what the rules cost on top. */
    private static void rawParse(Path file, int run) throws Exception {
        long start = System.nanoTime();
        long records = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180)) {
            for (CSVRecord record : parser) {
                records += record.size() > 0 ? 1 : 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("run %d: commons-csv alone: %,d records in %.2f s = %,.0f records/s%n", run, records,
                seconds, records / seconds);
    }

    /** Realistic rows: every 1000th has an elfproef failure, so the reject path is exercised too. */
    private static void write(Path file) throws IOException {
        String[] surnames = {"Jansen", "de Vries", "Öztürk", "Nguyễn", "Đorđević", "IJzerman", "O'Neill", "Smit-Bakker"};
        String[] streets = {"Kerkstraat", "Laan van Meerdervoort", "Dorpsweg", "Rue de la Loi", "Hoofdstraat"};
        LocalDate base = LocalDate.of(1940, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("\uFEFF" + Csv.PARTICIPANT_HEADER + "\r\n");
            for (int i = 0; i < ROWS; i++) {
                String bsn = i % 1000 == 999 ? "123456789" : validBsn(110_000_000 + i * 7);
                String line = String.join(",", "P-" + i, bsn, "J.A.", i % 3 == 0 ? "van der" : "",
                        surnames[i % surnames.length], base.plusDays(i % 25_000).toString(),
                        "\"" + streets[i % streets.length] + "\"", Integer.toString(1 + i % 400),
                        i % 5 == 0 ? "a" : "", i % 7 == 0 ? "2" : "",
                        (1000 + i % 9000) + (i % 2 == 0 ? " AB" : "cd"), "Amsterdam", i % 50 == 0 ? "" : "NL",
                        i % 10 == 0 ? "en" : "nl", i % 4 == 0 ? "p" + i + "@example.org" : "",
                        i % 11 == 0 ? "ja" : "false", "");
                out.write(line);
                out.write("\r\n");
            }
        }
    }

    /** The first 8 digits from the seed, the ninth chosen to pass the elfproef (seeds that cannot are bumped). */
    private static String validBsn(int seed) {
        for (int candidate = seed; ; candidate++) {
            String eight = Integer.toString(candidate).substring(1, 9);
            int sum = 0;
            for (int d = 0; d < 8; d++) {
                sum += (eight.charAt(d) - '0') * (9 - d);
            }
            int check = sum % 11;
            if (check <= 9) {
                return eight + check;
            }
        }
    }
}
