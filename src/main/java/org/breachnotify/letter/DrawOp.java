package org.breachnotify.letter;

import java.util.List;

/** One thing drawn on a page, positions in points with y measured from the top edge. */
sealed interface DrawOp permits DrawOp.Text, DrawOp.Bars {

    /** A line of text at a baseline, in gray ({@code 0} is black). */
    record Text(boolean bold, float size, float x, float baseline, float gray, String text) implements DrawOp {
    }

    /**
     * Filled black rectangles, e.g. the modules of a bar code: {@code x, top, width, height} for each, in points.
     * Never part of a shared segment, so array identity in {@code equals} does not matter.
     */
    record Bars(float[] rectangles) implements DrawOp {
    }

    /**
     * A run of drawing in reading order. A fixed segment holds only text that is the same for every letter of
     * its template and layout; it is drawn once per file as a form XObject and referenced from every page that
     * shows it. Equality is by content, so that equal segments of different letters are recognised.
     */
    record Segment(boolean fixed, List<DrawOp> ops) {
    }
}
