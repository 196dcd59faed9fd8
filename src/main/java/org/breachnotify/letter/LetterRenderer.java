package org.breachnotify.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.springframework.stereotype.Component;

import org.breachnotify.letter.BodyLayout.Line;
import org.breachnotify.letter.LetterTemplates.Frame;
import org.breachnotify.letter.LetterTemplates.Template;

import uk.org.okapibarcode.backend.DataMatrix;
import uk.org.okapibarcode.backend.KixCode;

/**
 * Renders one personal breach letter as an A4 PDF for a left-window envelope (DIN 5008 form B). Fonts are
 * embedded as subsets so every name prints exactly and the text stays extractable.
 *
 * <p>Thread-safe: each call builds its own document; shared state is only the font bytes and parsed templates.
 */
@Component
public class LetterRenderer {

    private static final float MM = 72f / 25.4f;

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

    private final byte[] regularFont;
    private final byte[] boldFont;
    // Parsing a TrueType file is a good part of a letter's cost; a parsed font is not thread-safe, so each
    // rendering thread keeps its own.
    private final ThreadLocal<TrueTypeFont> regularParsed;
    private final ThreadLocal<TrueTypeFont> boldParsed;
    private final LetterTemplates templates = new LetterTemplates();

    public LetterRenderer() {
        this.regularFont = resource("fonts/DejaVuSans.ttf");
        this.boldFont = resource("fonts/DejaVuSans-Bold.ttf");
        this.regularParsed = ThreadLocal.withInitial(() -> parse(regularFont));
        this.boldParsed = ThreadLocal.withInitial(() -> parse(boldFont));
    }

    public RenderedLetter render(LetterContent content) {
        requireComplete(content);
        Template template = templates.get(content.templateVersion(), content.language(), content.group());
        Frame frame = template.frame();
        try (PDDocument document = new PDDocument()) {
            Fonts fonts = new Fonts(PDType0Font.load(document, regularParsed.get(), true),
                    PDType0Font.load(document, boldParsed.get(), true));
            String date = content.letterDate().format(DateTimeFormatter.ofPattern("d MMMM yyyy", frame.locale()));
            List<List<Line>> body = BodyLayout.paginate(template.fill(Map.of(
                    "salutationName", AddressLines.personName(content.initials(), content.surnamePrefix(),
                            content.surname()),
                    "letterId", content.letterId(),
                    "lookupReference", content.lookupReference(),
                    "letterDate", date)), BODY, fonts.regular(), fonts.bold());
            for (int i = 0; i < body.size(); i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PageCanvas canvas = new PageCanvas(document, page)) {
                    if (i == 0) {
                        drawFirstPageFrame(canvas, fonts, frame, content, date);
                    } else {
                        drawFollowPageHeader(canvas, fonts, frame, content.letterId());
                    }
                    for (Line line : body.get(i)) {
                        canvas.text(line.bold() ? fonts.bold() : fonts.regular(), line.size(), line.x(),
                                line.baseline(), line.text());
                    }
                    if (body.size() > 1) {
                        canvas.gray(0.35f);
                        canvas.textRightAligned(fonts.regular(), 8, MARGIN_RIGHT, FOOTER_BASELINE,
                                frame.pageOf(i + 1, body.size()));
                    }
                }
            }
            document.getDocumentInformation().setCreator("breach-notify");
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            byte[] pdf = out.toByteArray();
            return new RenderedLetter(pdf, body.size(), sha256Hex(pdf));
        } catch (IOException e) {
            throw new UncheckedIOException("Letter " + content.letterId() + " could not be rendered", e);
        } catch (IllegalArgumentException e) {
            // typically a character the font has no glyph for; the message names the code point, not the person
            throw new IllegalArgumentException("Letter " + content.letterId() + ": " + e.getMessage(), e);
        }
    }

    private record Fonts(PDFont regular, PDFont bold) {
    }

    private void drawFirstPageFrame(PageCanvas canvas, Fonts fonts, Frame frame, LetterContent content,
                                    String date) throws IOException {
        canvas.text(fonts.bold(), 14, MARGIN_LEFT, LETTERHEAD_BASELINE, frame.organisation());
        drawLetterIdCode(canvas, fonts, content.letterId());
        drawInfoBlock(canvas, fonts, frame, content, date);
        drawAddressBlock(canvas, fonts, frame, content);
    }

    /** DataMatrix of the letter id, top right, for inserting machines and for scanning returned mail. */
    private static void drawLetterIdCode(PageCanvas canvas, Fonts fonts, String letterId) throws IOException {
        DataMatrix code = new DataMatrix();
        code.setForceMode(DataMatrix.ForceMode.SQUARE);
        code.setContent(letterId);
        float side = code.getWidth() * DATAMATRIX_MODULE;
        canvas.barcode(code, MARGIN_RIGHT - side, DATAMATRIX_TOP, DATAMATRIX_MODULE, DATAMATRIX_MODULE);
        canvas.textRightAligned(fonts.regular(), 7, MARGIN_RIGHT, DATAMATRIX_TOP + side + 3.5f * MM, letterId);
    }

    private static void drawInfoBlock(PageCanvas canvas, Fonts fonts, Frame frame, LetterContent content,
                                      String date) throws IOException {
        String[][] rows = {
                {frame.dateLabel(), date},
                {frame.letterIdLabel(), content.letterId()},
                {frame.referenceLabel(), content.lookupReference()}};
        float width = MARGIN_RIGHT - INFO_LEFT;
        float y = INFO_TOP;
        for (String[] row : rows) {
            canvas.gray(0.35f);
            canvas.text(fonts.regular(), 7.5f, INFO_LEFT, y, row[0]);
            canvas.gray(0f);
            float size = TextMeasure.fittingSize(List.of(row[1]), fonts.regular(), 9.5f, 6f, width);
            canvas.text(fonts.regular(), size, INFO_LEFT, y + 4.2f * MM, row[1]);
            y += 9 * MM;
        }
    }

    /**
     * Return line, address and (domestic only) the KIX code as the last line, all inside the window. Long lines
     * first shrink, down to 7 pt, and are wrapped only beyond that.
     */
    private static void drawAddressBlock(PageCanvas canvas, Fonts fonts, Frame frame, LetterContent content)
            throws IOException {
        float width = ADDRESS_RIGHT - ADDRESS_LEFT;
        float returnSize = TextMeasure.fittingSize(List.of(frame.returnAddress()), fonts.regular(), 6.5f, 5f, width);
        canvas.gray(0.25f);
        canvas.text(fonts.regular(), returnSize, ADDRESS_LEFT, RETURN_ADDRESS_BASELINE, frame.returnAddress());
        canvas.gray(0f);

        List<String> given = AddressLines.lines(content, frame.locale());
        PDFont font = fonts.regular();
        float size = TextMeasure.fittingSize(given, font, ADDRESS_SIZE, ADDRESS_SMALLEST_SIZE, width);
        List<String> lines = new ArrayList<>();
        given.forEach(line -> lines.addAll(TextMeasure.wrap(line, font, size, width)));

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
            canvas.text(font, size, ADDRESS_LEFT, baseline, line);
            baseline += leading;
        }
        if (kix.isPresent()) {
            canvas.barcode(kix.get(), ADDRESS_LEFT, top + textHeight + KIX_GAP, KIX_MODULE_WIDTH, KIX_MODULE_HEIGHT);
        }
    }

    private static void drawFollowPageHeader(PageCanvas canvas, Fonts fonts, Frame frame, String letterId)
            throws IOException {
        canvas.gray(0.35f);
        canvas.text(fonts.regular(), 8, MARGIN_LEFT, FOLLOW_PAGE_HEADER_BASELINE, frame.organisation());
        canvas.textRightAligned(fonts.regular(), 8, MARGIN_RIGHT, FOLLOW_PAGE_HEADER_BASELINE,
                frame.letterIdLabel() + " " + letterId);
        canvas.gray(0f);
    }

    private static TrueTypeFont parse(byte[] font) {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(font));
        } catch (IOException e) {
            throw new UncheckedIOException("bundled font cannot be read", e);
        }
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
                : null;
        if (problem != null) {
            throw new IllegalArgumentException("Letter " + c.letterId() + " lacks " + problem);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = LetterRenderer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
