package org.breachnotify.returnmail;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Date;
import java.util.Optional;
import org.breachnotify.engine.EngineCommandKind;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.intake.ApplyingSink;
import org.breachnotify.intake.CsvEngine;
import org.breachnotify.intake.FileImporter;
import org.breachnotify.intake.FileRefusedException;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.LetterOrderSink;
import org.breachnotify.intake.ReadCounts;
import org.breachnotify.intake.Rejection;
import org.breachnotify.journey.Journeys;
import org.breachnotify.letter.LetterStatus;
import org.breachnotify.letter.LetterStatuses;
import org.breachnotify.letter.LetterStatuses.LetterOnReturn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records returned letters and wakes the person's journey. A return for an unknown letter or a second return of
 * the same letter is reported, never applied twice. A return that comes after the campaign closed the letter's
 * return window is recorded all the same: the relay starts a new journey for it, which handles it as any return.
 */
@Component
class ReturnMailImporter implements FileImporter {
    private final JdbcTemplate jdbc;
    private final EngineCommands commands;
    private final Journeys journeys;
    private final LetterStatuses letters;

    ReturnMailImporter(JdbcTemplate jdbc, EngineCommands commands, Journeys journeys, LetterStatuses letters) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.journeys = journeys;
        this.letters = letters;
    }

    @Override
    public FileType type() {
        return FileType.RETURN_MAIL;
    }

    @Override
    public ReadCounts importRows(ImportContext ctx, InputStream in) throws IOException, FileRefusedException {
        ApplyingSink<ReturnMailRow> applying = new ApplyingSink<>(ctx.rejections(), row -> apply(ctx, row)
                .map(reason -> new Rejection(row.line(), row.letterId(), reason)));
        // in letter-id order, as the relay locks letters: no deadlock between them (LetterOrderSink)
        LetterOrderSink<ReturnMailRow> sink = new LetterOrderSink<>(applying, ReturnMailRow::letterId);
        return sink.applyAndCount(CsvEngine.read(ctx.fileName(), in, new ReturnMailFormat(), sink));
    }

    private Optional<String> apply(ImportContext ctx, ReturnMailRow row) {
        Optional<LetterOnReturn> found = letters.lockForReturn(row.letterId(), ctx.campaignId());
        if (found.isEmpty()) {
            return Optional.of("unknown letter id " + row.letterId() + " (not a letter of this campaign)");
        }
        LetterOnReturn letter = found.get();
        // a letter is RETURNED exactly when its return is recorded (returned_mail), both by this importer
        if (letter.status() == LetterStatus.RETURNED) {
            return Optional.of("letter " + row.letterId() + " was already reported returned");
        }
        if (letter.status() == LetterStatus.READY) {
            return Optional.of("letter " + row.letterId() + " has not been printed yet");
        }
        jdbc.update("insert into returned_mail (letter_id, reason, returned_date, import_file_id) values (?,?,?,?)",
                row.letterId(), row.reason().name(), Date.valueOf(row.date()), ctx.importFileId());
        letters.markReturned(row.letterId(), row.date(), row.reason().name());
        if (!letter.latest()) {
            return Optional.empty(); // an older letter; the journey already follows a newer one
        }
        if (letter.status() == LetterStatus.EXPORTED) {
            // Returned before its dispatch confirmation arrived: it was evidently posted.
            commands.enqueue(EngineCommandKind.LETTER_POSTED, ctx.campaignId(), letter.personId(), row.letterId(),
                    null);
        }
        journeys.markReturned(letter.personId());
        commands.enqueue(EngineCommandKind.LETTER_RETURNED, ctx.campaignId(), letter.personId(), row.letterId(),
                row.reason().name());
        return Optional.empty();
    }
}
