package org.breachnotify.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Hands accepted rows on in batches (for batched inserts) and rejected rows to the file's rejection log. */
public final class BatchingSink<T> implements RowSink<T> {
    private final RejectionLog rejections;
    private final int size;
    private final Consumer<List<T>> flush;
    private final List<T> batch;

    public BatchingSink(RejectionLog rejections, int size, Consumer<List<T>> flush) {
        this.rejections = rejections;
        this.size = size;
        this.flush = flush;
        this.batch = new ArrayList<>(size);
    }

    @Override
    public void accept(T row) {
        batch.add(row);
        if (batch.size() == size) {
            finish();
        }
    }

    @Override
    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }

    /** Hands on the rows collected so far; call once more after the file is read, for the last partial batch. */
    public void finish() {
        if (!batch.isEmpty()) {
            flush.accept(batch);
            batch.clear();
        }
    }
}
