package org.breachnotify.letter;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.breachnotify.letter.BodyLayout.Line;
import org.breachnotify.letter.BodyLayout.Wrapped;
import org.breachnotify.letter.DrawOp.Bars;
import org.breachnotify.letter.DrawOp.Segment;
import org.breachnotify.letter.DrawOp.Text;
import org.breachnotify.letter.LetterTemplates.Block;
import org.breachnotify.letter.LetterTemplates.Frame;
import org.breachnotify.letter.LetterTemplates.Kind;
import org.breachnotify.letter.LetterTemplates.Template;

import uk.org.okapibarcode.backend.DataMatrix;
import uk.org.okapibarcode.backend.KixCode;
import uk.org.okapibarcode.backend.Symbol;
import uk.org.okapibarcode.graphics.Rectangle;

/**
 * Decides what each page of a letter shows, for a left-window envelope (DIN 5008 form B): letterhead, the letter
 * id as DataMatrix, the info block, the address with its KIX code as the window's last line, the body flowed over
 * pages, page numbers. The result separates what is the same for every letter of a template (fixed segments,
 * shared across a print file) from what is personal. Thread-safe.
 */
final class LetterLayout {

    static final float MM = 72f / 25.4f;
    static final float PAGE_WIDTH = 595.2756f;
    static final float PAGE_HEIGHT = 841.8898f;

    // Envelope window, DIN 5008 form B: 20 mm from the left, 45 mm from the top, 85 x 45 mm.
    static final float WINDOW_LEFT = 20 * MM;
    static final float WINDOW_TOP = 45 * MM;
    static final float WINDOW_WIDTH = 85 * MM;
    static final float WINDOW_HEIGHT = 45 * MM;
    // Inside the window a margin, so the block stays visible when the sheet shifts in the envelope.
    private static final float ADDRESS_LEFT = 25 * MM;
    private static final float ADDRESS_RIGHT = 102 * MM;
    private static final float ADDRESS_TOP = 62.7f * MM;          // DIN 5008 address zone below the return line
    private static final float ADDRESS_HIGHEST_TOP = 53 * MM;     // used only when a long address needs the room
    private static final float ADDRESS_BOTTOM = 87 * MM;
    private static final float RETURN_ADDRESS_BASELINE = 50 * MM;
    private static final float ADDRESS_SIZE = 10f;
    private static final float ADDRESS_SMALLEST_SIZE = 7f;

    // KIX: RM4SCC geometry within PostNL's tolerances (bar 0.55 mm, pitch 1.1 mm, full bar 5.2 mm); the longest
    // possible code (17 characters) then still ends inside the window's margin.
    private static final float KIX_MODULE_WIDTH = 0.55f * MM;
    private static final float KIX_MODULE_HEIGHT = 0.65f * MM;
    private static final float KIX_GAP = 2 * MM;

    private static final float MARGIN_LEFT = 25 * MM;
    private static final float MARGIN_RIGHT = 190 * MM;
    private static final float LETTERHEAD_BASELINE = 22 * MM;
    private static final float DATAMATRIX_TOP = 12 * MM;
    private static final float DATAMATRIX_MODULE = 0.6f * MM;
    private static final float INFO_LEFT = 125 * MM;
    private static final float INFO_TOP = 50 * MM;
    private static final float FOLLOW_PAGE_HEADER_BASELINE = 15 * MM;
    private static final float FOOTER_BASELINE = 285 * MM;
    private static final BodyLayout.Area BODY =
            new BodyLayout.Area(MARGIN_LEFT, MARGIN_RIGHT, 100 * MM, 25 * MM, 272 * MM);

    private final LetterFont regular;
    private final LetterFont bold;
    private final LetterTemplates templates;
    /** Template blocks without personal values wrap the same for every letter: broken into lines once. */
    private final ConcurrentMap<Block, List<String>> fixedLines = new ConcurrentHashMap<>();

    LetterLayout(LetterFont regular, LetterFont bold, LetterTemplates templates) {
        this.regular = regular;
        this.bold = bold;
        this.templates = templates;
    }

    LetterFont font(boolean isBold) {
        return isBold ? bold : regular;
    }

    /** The pages of one letter, each a list of segments in reading order. */
    List<List<Segment>> pages(LetterContent content) {
        requireComplete(content);
        Template template = templates.get(content.templateVersion(), content.language(),
                LetterTemplates.bodyName(content.group(), content.corrective()));
        Frame frame = template.frame();
        DateTimeFormatter dates = frame.dates();
        String date = content.letterDate().format(dates);
        Map<String, String> values = new HashMap<>();
        values.put("salutationName", AddressLines.personName(content.initials(), content.surnamePrefix(),
                content.surname()));
        values.put("letterId", content.letterId());
        values.put("lookupReference", content.lookupReference());
        values.put("letterDate", date);
        if (content.previousLetterId() != null) {
            values.put("previousLetterId", content.previousLetterId());
        }
        if (content.previousLetterDate() != null) {
            values.put("previousLetterDate", content.previousLetterDate().format(dates));
        }

        List<Wrapped> wrapped = new ArrayList<>();
        List<Block> body = template.body();
        for (int i = 0; i < body.size(); i++) {
            Block block = body.get(i);
            List<String> lines = block.personal()
                    ? BodyLayout.wrap(block, Template.fill(block, values), BODY, regular, bold)
                    : fixedLines.computeIfAbsent(block, b -> BodyLayout.wrap(b, b.text(), BODY, regular, bold));
            wrapped.add(new Wrapped(block, lines, i == 0 && block.kind() == Kind.HEADING));
        }
        List<List<Line>> bodyPages = BodyLayout.paginate(wrapped, BODY);

        List<List<Segment>> pages = new ArrayList<>(bodyPages.size());
        for (int i = 0; i < bodyPages.size(); i++) {
            PageBuilder page = new PageBuilder();
            if (i == 0) {
                page.fixed(new Text(true, 14, MARGIN_LEFT, LETTERHEAD_BASELINE, 0f, frame.organisation()));
                drawLetterIdCode(page, content.letterId());
                drawInfoBlock(page, frame, content, date);
                drawAddressBlock(page, frame, content);
            } else {
                page.fixed(new Text(false, 8, MARGIN_LEFT, FOLLOW_PAGE_HEADER_BASELINE, 0.35f, frame.organisation()));
                String header = frame.letterIdLabel() + " " + content.letterId();
                page.personal(new Text(false, 8, MARGIN_RIGHT - regular.width(header, 8), FOLLOW_PAGE_HEADER_BASELINE,
                        0.35f, header));
            }
            for (Line line : bodyPages.get(i)) {
                Text text = new Text(line.bold(), line.size(), line.x(), line.baseline(), 0f, line.text());
                if (line.personal()) {
                    page.personal(text);
                } else {
                    page.fixed(text);
                }
            }
            if (bodyPages.size() > 1) {
                String pageOf = frame.pageOf(i + 1, bodyPages.size());
                page.fixed(new Text(false, 8, MARGIN_RIGHT - regular.width(pageOf, 8), FOOTER_BASELINE, 0.35f,
                        pageOf));
            }
            pages.add(page.segments());
        }
        return pages;
    }

    /** DataMatrix of the letter id, top right, for inserting machines and for scanning returned mail. */
    private void drawLetterIdCode(PageBuilder page, String letterId) {
        DataMatrix code = new DataMatrix();
        code.setForceMode(DataMatrix.ForceMode.SQUARE);
        code.setContent(letterId);
        float side = code.getWidth() * DATAMATRIX_MODULE;
        page.personal(bars(code, MARGIN_RIGHT - side, DATAMATRIX_TOP, DATAMATRIX_MODULE, DATAMATRIX_MODULE));
        page.personal(new Text(false, 7, MARGIN_RIGHT - regular.width(letterId, 7), DATAMATRIX_TOP + side + 3.5f * MM,
                0f, letterId));
    }

    private void drawInfoBlock(PageBuilder page, Frame frame, LetterContent content, String date) {
        String[][] rows = {
                {frame.dateLabel(), date},
                {frame.letterIdLabel(), content.letterId()},
                {frame.referenceLabel(), content.lookupReference()}};
        float width = MARGIN_RIGHT - INFO_LEFT;
        float y = INFO_TOP;
        for (String[] row : rows) {
            page.personal(new Text(false, 7.5f, INFO_LEFT, y, 0.35f, row[0]));
            float size = TextMeasure.fittingSize(List.of(row[1]), regular, 9.5f, 6f, width);
            page.personal(new Text(false, size, INFO_LEFT, y + 4.2f * MM, 0f, row[1]));
            y += 9 * MM;
        }
    }

    /**
     * Return line, address and (domestic only) the KIX code as the last line, all inside the window. Long lines
     * first shrink, down to 7 pt, and are wrapped only beyond that.
     */
    private void drawAddressBlock(PageBuilder page, Frame frame, LetterContent content) {
        float width = ADDRESS_RIGHT - ADDRESS_LEFT;
        float returnSize = TextMeasure.fittingSize(List.of(frame.returnAddress()), regular, 6.5f, 5f, width);
        page.fixed(new Text(false, returnSize, ADDRESS_LEFT, RETURN_ADDRESS_BASELINE, 0.25f, frame.returnAddress()));

        List<String> given = AddressLines.lines(content, frame.locale());
        float size = TextMeasure.fittingSize(given, regular, ADDRESS_SIZE, ADDRESS_SMALLEST_SIZE, width);
        List<String> lines = new ArrayList<>();
        given.forEach(line -> lines.addAll(TextMeasure.wrap(line, regular, size, width)));

        Optional<KixCode> kix = content.address().kix().map(text -> {
            KixCode code = new KixCode();
            code.setContent(text);
            return code;
        });
        float leading = size * 1.2f;
        float textHeight = size + (lines.size() - 1) * leading + size * 0.25f;   // first ascent .. last descent
        float kixHeight = kix.map(k -> KIX_GAP + k.getHeight() * KIX_MODULE_HEIGHT).orElse(0f);
        float top = Math.min(ADDRESS_TOP, ADDRESS_BOTTOM - textHeight - kixHeight);
        if (top < ADDRESS_HIGHEST_TOP) {
            throw new IllegalArgumentException("the address has too many lines for the envelope window");
        }
        float baseline = top + size;
        for (String line : lines) {
            page.personal(new Text(false, size, ADDRESS_LEFT, baseline, 0f, line));
            baseline += leading;
        }
        kix.ifPresent(code -> page.personal(
                bars(code, ADDRESS_LEFT, top + textHeight + KIX_GAP, KIX_MODULE_WIDTH, KIX_MODULE_HEIGHT)));
    }

    /** Okapi gives a symbol in module units with y downwards; this places it in points. */
    private static Bars bars(Symbol symbol, float left, float top, float moduleWidth, float moduleHeight) {
        List<Rectangle> rectangles = symbol.getRectangles();
        float[] out = new float[rectangles.size() * 4];
        int i = 0;
        for (Rectangle r : rectangles) {
            out[i++] = left + (float) r.x * moduleWidth;
            out[i++] = top + (float) r.y * moduleHeight;
            out[i++] = (float) r.width * moduleWidth;
            out[i++] = (float) r.height * moduleHeight;
        }
        return new Bars(out);
    }

    private static void requireComplete(LetterContent c) {
        if (c.letterId() == null || c.letterId().isBlank()) {
            throw new IllegalArgumentException("A letter needs a letter id");
        }
        String problem = c.group() == null || !c.group().getsLetter() ? "a group that gets a letter"
                : c.surname() == null || c.surname().isBlank() ? "a surname"
                : c.address() == null ? "an address"
                : c.letterDate() == null ? "a letter date"
                : c.lookupReference() == null || c.lookupReference().isBlank() ? "a lookup reference"
                : c.corrective() && (c.previousLetterId() == null || c.previousLetterDate() == null)
                        ? "the earlier letter it corrects"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("Letter " + c.letterId() + " lacks " + problem);
        }
    }

    /** Collects a page's drawing into alternating fixed and personal segments, in reading order. */
    private static final class PageBuilder {
        private final List<Segment> segments = new ArrayList<>();
        private List<DrawOp> current;
        private boolean currentFixed;

        void fixed(Text text) {
            add(true, text);
        }

        void personal(DrawOp op) {
            add(false, op);
        }

        private void add(boolean fixed, DrawOp op) {
            if (current == null || currentFixed != fixed) {
                flush();
                current = new ArrayList<>();
                currentFixed = fixed;
            }
            current.add(op);
        }

        private void flush() {
            if (current != null) {
                segments.add(new Segment(currentFixed, List.copyOf(current)));
            }
        }

        List<Segment> segments() {
            flush();
            current = null;
            return segments;
        }
    }
}
