package org.breachnotify.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Holds a file's valid rows back and applies them in letter-id order once the file is read (rows of one letter keep
 * their file order). A print house's file lists letters in postal order, and its import locks each letter it changes
 * until the whole file commits; the engine-command relay locks the letters of a chunk in letter-id order too. Taking
 * row locks in one order means the two wait for each other but never deadlock (they did, in the two-node run, when
 * journeys still starting met their letters' dispatch confirmation). A file holds one print batch (at most 100,000
 * letters), so the rows fit in memory.
 */
public final class LetterOrderSink<T> implements RowSink<T> {
    private final ApplyingSink<T> applying;
    private final Comparator<T> letterOrder;
    private final List<T> held = new ArrayList<>();

    public LetterOrderSink(ApplyingSink<T> applying, Function<T, String> letterId) {
        this.applying = applying;
        this.letterOrder = Comparator.comparing(letterId);
    }

    @Override
    public void accept(T row) {
        held.add(row);
    }

    @Override
    public void reject(Rejection rejection) {
        applying.reject(rejection);
    }

    /** Applies the rows held back, in letter-id order (a stable sort), and answers the counts. */
    public ReadCounts applyAndCount(ReadCounts parsed) {
        held.sort(letterOrder);
        held.forEach(applying::accept);
        held.clear();
        return applying.counts(parsed);
    }
}
