package org.breachnotify.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Applies valid rows a chunk at a time, for importers that apply set-based. The chunk's rows that cannot be applied
 * come back as rejections; they are written to the file's log together with the chunk's format rejections, in line
 * order, so the log lists the same first rows ({@link RejectionLog#LISTED_PER_FILE}) as {@link ApplyingSink} would.
 * {@link #counts} moves the rows not applied from accepted to rejected, so read = accepted + rejected holds.
 */
public final class ChunkApplyingSink<T> implements RowSink<T> {
    private final RejectionLog rejections;
    private final int size;
    private final Function<List<T>, List<Rejection>> apply;
    private final List<T> chunk;
    /** Format rejections among the chunk's lines, held back until the chunk's own rejections are known. */
    private final List<Rejection> rejectedByFormat = new ArrayList<>();
    private long notApplied;

    /**
     * @param apply applies a chunk (rows in file order) and answers the rows it could not apply, in line order
     */
    public ChunkApplyingSink(RejectionLog rejections, int size, Function<List<T>, List<Rejection>> apply) {
        this.rejections = rejections;
        this.size = size;
        this.apply = apply;
        this.chunk = new ArrayList<>(size);
    }

    @Override
    public void accept(T row) {
        chunk.add(row);
        flushWhenFull();
    }

    @Override
    public void reject(Rejection rejection) {
        rejectedByFormat.add(rejection);
        flushWhenFull();
    }

    /** Applies the rows collected so far; call once more after the file is read, for the last partial chunk. */
    public void finish() {
        List<Rejection> notAppliedRows = chunk.isEmpty() ? List.of() : apply.apply(chunk);
        notApplied += notAppliedRows.size();
        int f = 0;
        for (Rejection r : notAppliedRows) {
            while (f < rejectedByFormat.size() && rejectedByFormat.get(f).line() < r.line()) {
                rejections.add(rejectedByFormat.get(f++));
            }
            rejections.add(r);
        }
        while (f < rejectedByFormat.size()) {
            rejections.add(rejectedByFormat.get(f++));
        }
        chunk.clear();
        rejectedByFormat.clear();
    }

    public ReadCounts counts(ReadCounts parsed) {
        return new ReadCounts(parsed.read(), parsed.accepted() - notApplied, parsed.rejected() + notApplied);
    }

    private void flushWhenFull() {
        if (chunk.size() + rejectedByFormat.size() >= size) {
            finish();
        }
    }
}
