package org.breachnotify.letter;

import java.util.ArrayList;
import java.util.List;

import org.breachnotify.letter.LetterTemplates.Block;
import org.breachnotify.letter.LetterTemplates.Kind;

/**
 * Flows the body text over pages: headings stay with the start of what follows them, short paragraphs are not
 * split, and a split paragraph leaves at least two lines on either page.
 */
final class BodyLayout {

    static final float TEXT_SIZE = 10f;
    static final float HEADING_SIZE = 11f;
    private static final float TEXT_LEADING = TEXT_SIZE * 1.4f;
    private static final float HEADING_LEADING = HEADING_SIZE * 1.3f;
    private static final float PARAGRAPH_GAP = TEXT_LEADING * 0.55f;
    private static final float BULLET_GAP = TEXT_LEADING * 0.15f;
    private static final float HEADING_GAP_BEFORE = TEXT_LEADING * 0.5f;
    private static final float HEADING_GAP_AFTER = TEXT_LEADING * 0.15f;
    /** A heading that opens the letter is its subject: a full blank line before the salutation. */
    private static final float SUBJECT_GAP_AFTER = TEXT_LEADING;
    private static final float BULLET_INDENT = 14f;
    private static final String BULLET = "\u2022";
    /** A paragraph of up to this many lines is moved whole rather than split over two pages. */
    private static final int KEEP_TOGETHER = 3;

    /** Where body text may go, in points, y from the top of the page. */
    record Area(float left, float right, float firstPageTop, float nextPageTop, float bottom) {
    }

    /**
     * One line of text placed on a page; {@code baseline} from the top of the page. {@code personal} lines come from
     * a block with personal values and differ from letter to letter.
     */
    record Line(String text, boolean bold, float size, float x, float baseline, boolean personal) {
    }

    /** A block broken into lines; {@code subject} for a heading that opens the letter. */
    record Wrapped(Block block, List<String> lines, boolean subject) {

        boolean heading() {
            return block.kind() == Kind.HEADING;
        }

        float size() {
            return heading() ? HEADING_SIZE : TEXT_SIZE;
        }

        float leading() {
            return heading() ? HEADING_LEADING : TEXT_LEADING;
        }

        float gapAfter() {
            if (heading()) {
                return subject ? SUBJECT_GAP_AFTER : HEADING_GAP_AFTER;
            }
            return block.endsParagraph() ? PARAGRAPH_GAP : BULLET_GAP;
        }
    }

    private final Area area;
    private final List<List<Line>> pages = new ArrayList<>();
    private float y;

    private BodyLayout(Area area) {
        this.area = area;
    }

    /** The body's lines per page; the first list is page 1. Only arithmetic: the lines are already broken. */
    static List<List<Line>> paginate(List<Wrapped> wrapped, Area area) {
        BodyLayout layout = new BodyLayout(area);
        layout.pages.add(new ArrayList<>());
        layout.y = area.firstPageTop();
        for (int i = 0; i < wrapped.size(); i++) {
            layout.place(wrapped.get(i), i + 1 < wrapped.size() ? wrapped.get(i + 1) : null);
        }
        return layout.pages;
    }

    /** Breaks a block's text (its personal values filled in) into the lines it takes in {@code area}. */
    static List<String> wrap(Block block, String text, Area area, LetterFont regular, LetterFont bold) {
        float width = area.right() - area.left() - (block.kind() == Kind.BULLET ? BULLET_INDENT : 0);
        LetterFont font = block.kind() == Kind.HEADING ? bold : regular;
        float size = block.kind() == Kind.HEADING ? HEADING_SIZE : TEXT_SIZE;
        return TextMeasure.wrap(text, font, size, width);
    }

    private void place(Wrapped w, Wrapped next) {
        if (w.heading() && !atPageTop()) {
            y += HEADING_GAP_BEFORE;
        }
        float keep = w.heading()
                ? w.lines().size() * w.leading() + w.gapAfter()
                        + (next == null ? 0 : Math.min(2, next.lines().size()) * next.leading())
                : (w.lines().size() <= KEEP_TOGETHER ? w.lines().size() : 2) * w.leading();
        if (y + keep > area.bottom() && !atPageTop()) {
            newPage();
        }
        List<String> lines = w.lines();
        int placed = 0;
        while (placed < lines.size()) {
            int remaining = lines.size() - placed;
            int fit = (int) Math.floor((area.bottom() - y) / w.leading());
            int now = Math.min(fit, remaining);
            if (now < remaining && remaining - now == 1 && now > 2) {
                now--; // no single last line on the next page
            }
            for (int i = 0; i < now; i++) {
                addLine(w, lines.get(placed + i), placed + i == 0);
            }
            placed += now;
            if (placed < lines.size()) {
                newPage();
                if (now == 0 && (area.bottom() - y) < w.leading()) {
                    throw new IllegalStateException("Body line taller than a page");
                }
            }
        }
        y += w.gapAfter();
    }

    private void addLine(Wrapped w, String text, boolean firstLine) {
        float baseline = y + w.size();
        List<Line> page = pages.get(pages.size() - 1);
        if (w.block().kind() == Kind.BULLET) {
            if (firstLine) {
                page.add(new Line(BULLET, false, w.size(), area.left() + 3f, baseline, false));
            }
            page.add(new Line(text, false, w.size(), area.left() + BULLET_INDENT, baseline, w.block().personal()));
        } else {
            page.add(new Line(text, w.heading(), w.size(), area.left(), baseline, w.block().personal()));
        }
        y += w.leading();
    }

    private boolean atPageTop() {
        return y == (pages.size() == 1 ? area.firstPageTop() : area.nextPageTop());
    }

    private void newPage() {
        pages.add(new ArrayList<>());
        y = area.nextPageTop();
    }
}
