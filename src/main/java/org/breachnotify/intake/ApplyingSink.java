package org.breachnotify.intake;

import java.util.Optional;
import java.util.function.Function;

/**
 * Applies each valid row at once. A row that is valid CSV but cannot be applied (an unknown letter id, a repeat)
 * becomes a rejection too; {@link #counts} moves it from accepted to rejected so read = accepted + rejected holds.
 */
public final class ApplyingSink<T> implements RowSink<T> {
    private final RejectionLog rejections;
    private final Function<T, Optional<Rejection>> apply;
    private long notApplied;

    public ApplyingSink(RejectionLog rejections, Function<T, Optional<Rejection>> apply) {
        this.rejections = rejections;
        this.apply = apply;
    }

    @Override
    public void accept(T row) {
        apply.apply(row).ifPresent(rejection -> {
            rejections.add(rejection);
            notApplied++;
        });
    }

    @Override
    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }

    public ReadCounts counts(ReadCounts parsed) {
        return new ReadCounts(parsed.read(), parsed.accepted() - notApplied, parsed.rejected() + notApplied);
    }
}
