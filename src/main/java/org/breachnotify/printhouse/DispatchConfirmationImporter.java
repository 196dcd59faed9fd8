package org.breachnotify.printhouse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.breachnotify.engine.EngineCommands;
import org.breachnotify.intake.ChunkApplyingSink;
import org.breachnotify.intake.CsvEngine;
import org.breachnotify.intake.FileImporter;
import org.breachnotify.intake.FileRefusedException;
import org.breachnotify.intake.FileType;
import org.breachnotify.intake.ReadCounts;
import org.breachnotify.intake.Rejection;
import org.breachnotify.journey.Journeys;
import org.breachnotify.letter.LetterStatuses;
import org.breachnotify.letter.LetterStatuses.DispatchApplied;
import org.breachnotify.letter.LetterStatuses.DispatchReport;
import org.breachnotify.letter.LetterStatuses.NotApplied;
import org.springframework.stereotype.Component;

/**
 * Applies the print house's per-letter report: POSTED moves the journey on, FAILED puts the letter back in the
 * queue for a later batch. A letter is confirmed once; a repeat or an unknown id is rejected with its line.
 *
 * <p>Set-based, a chunk of rows at a time (ADR 11): {@link LetterStatuses#applyDispatch} applies the chunk to the
 * letters in one statement and answers the rows it could not apply, each with the status a row-by-row import would
 * have found, so rejections read as they always did. All chunks share the file's one transaction.
 */
@Component
class DispatchConfirmationImporter implements FileImporter {
    /** Rows staged and applied at a time: large enough that a round trip is nothing, small enough for the heap. */
    static final int CHUNK_ROWS = 20_000;

    private final LetterStatuses letters;
    private final Journeys journeys;
    private final EngineCommands commands;

    DispatchConfirmationImporter(LetterStatuses letters, Journeys journeys, EngineCommands commands) {
        this.letters = letters;
        this.journeys = journeys;
        this.commands = commands;
    }

    @Override
    public FileType type() {
        return FileType.DISPATCH_CONFIRMATION;
    }

    @Override
    public ReadCounts importRows(ImportContext ctx, InputStream in) throws IOException, FileRefusedException {
        ChunkApplyingSink<DispatchRow> sink = new ChunkApplyingSink<>(ctx.rejections(), CHUNK_ROWS,
                rows -> apply(ctx, rows));
        ReadCounts parsed = CsvEngine.read(ctx.fileName(), in, new DispatchFormat(), sink);
        sink.finish();
        return sink.counts(parsed);
    }

    /**
     * Applies a chunk: the letters, then the people of the posted ones and one {@code LETTER_POSTED} per posted
     * letter in file order. Answers the rows that could not be applied, in line order.
     */
    private List<Rejection> apply(ImportContext ctx, List<DispatchRow> rows) {
        DispatchApplied applied = letters.applyDispatch(ctx.campaignId(), rows.stream().map(r -> new DispatchReport(
                r.line(), r.letterId(), r.status() == DispatchStatus.POSTED, r.date())).toList());
        journeys.markPosted(applied.postedPeople());
        commands.enqueueLettersPosted(ctx.campaignId(), applied.postedPeople(), applied.postedLetters());
        return applied.notApplied().stream().map(n -> new Rejection(n.line(), n.letterId(), reason(n))).toList();
    }

    /** Why a row was not applied, given the letter's status when its turn came (none: not a letter of ours). */
    private static String reason(NotApplied row) {
        if (row.seen().isEmpty()) {
            return "unknown letter id " + row.letterId() + " (not a letter of this campaign)";
        }
        return switch (row.seen().get()) {
            case POSTED, RETURNED -> "letter " + row.letterId() + " was already confirmed as posted";
            default -> "letter " + row.letterId() + " is not with the print house (status " + row.seen().get() + ")";
        };
    }
}
