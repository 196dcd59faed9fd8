package org.breachnotify.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.Deflater;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import org.breachnotify.letter.DrawOp.Segment;

/**
 * Renders personal breach letters as A4 PDF: one letter for download and archive checks, or thousands into one
 * print file. Fonts are embedded as subsets (every name prints exactly; text stays extractable).
 *
 * <p>Built for throughput: glyph ids and widths come from arrays read once ({@link LetterFont}); what is the same
 * for every letter of a template (letterhead, most of the body, page numbers) is encoded once and placed in a print
 * file once, as form XObjects; a print file embeds each font once, subset to the glyphs of all its letters; and
 * the letters of a batch are encoded on all cores while one thread writes the file in order, a bounded number of
 * letters ahead, so memory does not grow with the batch.
 *
 * <p>The output is deterministic: the same content gives the same bytes, which is what lets the archive regenerate
 * a letter instead of storing it. The content hash covers what is drawn (the page content and the shared parts it
 * shows), independent of where in a file the letter sits.
 */
@Component
public class LetterRenderer implements AutoCloseable {

    private static final int CHUNK = 32;
    private static final int SEGMENT_CACHE_LIMIT = 20_000;

    private final LetterFont regular;
    private final LetterFont bold;
    private final LetterTemplates templates;
    private final LetterLayout layout;
    private final ConcurrentMap<Segment, EncodedSegment> segments = new ConcurrentHashMap<>();
    private final ThreadLocal<Deflater> deflaters = ThreadLocal.withInitial(() -> new Deflater(6));
    private final int threads;
    private final ExecutorService pool;

    public LetterRenderer() {
        this(new LetterTemplates());
    }

    public LetterRenderer(LetterTemplates templates) {
        this(templates, 0);
    }

    /** {@code threads}: how many letters of a batch are encoded at once; 0 for one per core. */
    @Autowired
    public LetterRenderer(LetterTemplates templates,
                          @Value("${breachnotify.letters.render-threads:0}") int threads) {
        this.regular = LetterFont.fromResource("fonts/DejaVuSans.ttf");
        this.bold = LetterFont.fromResource("fonts/DejaVuSans-Bold.ttf");
        this.templates = templates;
        this.layout = new LetterLayout(regular, bold, templates);
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.threads, task -> {
            Thread thread = new Thread(task, "letter-render-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public LetterTemplates templates() {
        return templates;
    }

    /**
     * Lays the letter out without drawing it and answers its page count: fails, naming the letter, for what would
     * fail later in a print batch (a character the font lacks, an address too long for the window).
     */
    public int check(LetterContent content) {
        try {
            return layout.pages(content).size();
        } catch (IllegalArgumentException e) {
            throw named(content, e);
        }
    }

    /** One letter as its own PDF, the same bytes every time for the same content. */
    public RenderedLetter render(LetterContent content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        List<LetterResult> written = new ArrayList<>(1);
        try {
            LetterFileWriter writer = new LetterFileWriter(out, false);
            writer.add(encodeChunk(List.of(content)), written);
            writer.finish(content.letterId());
        } catch (IOException e) {
            throw new UncheckedIOException("Letter " + content.letterId() + " could not be written", e);
        }
        return new RenderedLetter(out.toByteArray(), written.get(0).pages(), written.get(0).contentSha256());
    }

    /**
     * Writes {@code letters}, in order, into one print file for duplex printing: every letter starts on a new sheet,
     * so a letter with an odd page count is followed by a blank page. {@code out} is left open.
     */
    public BatchFile renderBatch(List<LetterContent> letters, OutputStream out, String title) {
        List<LetterResult> results = new ArrayList<>(letters.size());
        Deque<Future<EncodedChunk>> inFlight = new ArrayDeque<>();
        int next = 0;
        try {
            LetterFileWriter writer = new LetterFileWriter(out, true);
            while (next < letters.size() || !inFlight.isEmpty()) {
                while (next < letters.size() && inFlight.size() < threads * 3) {
                    List<LetterContent> chunk = letters.subList(next, Math.min(letters.size(), next + CHUNK));
                    inFlight.add(pool.submit(() -> encodeChunk(chunk)));
                    next += chunk.size();
                }
                writer.add(inFlight.poll().get(), results);
            }
            writer.finish(title);
            return new BatchFile(writer.pageCount(), writer.pageCount() / 2, results);
        } catch (IOException e) {
            throw new UncheckedIOException("Print file " + title + " could not be written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + title, e);
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** A print file written by {@link #renderBatch}: pages including blank ones, sheets, and each letter's place. */
    public record BatchFile(int totalPages, int sheets, List<LetterResult> letters) {
    }

    /** Where a letter landed in a print file ({@code firstPage} 1-based) and the hash of what it shows. */
    public record LetterResult(String letterId, int pages, int firstPage, String contentSha256) {
    }

    private record EncodedSegment(byte[] raw, byte[] deflated, BitSet regularGlyphs, BitSet boldGlyphs) {
    }

    private record EncodedPage(List<EncodedSegment> forms, byte[] deflated) {
    }

    private record EncodedLetter(String letterId, List<EncodedPage> pages, String contentSha256) {
    }

    private record EncodedChunk(List<EncodedLetter> letters, BitSet regularGlyphs, BitSet boldGlyphs) {
    }

    private EncodedChunk encodeChunk(List<LetterContent> contents) {
        PdfContent content = new PdfContent(layout);
        MessageDigest digest = sha256();
        List<EncodedLetter> letters = new ArrayList<>(contents.size());
        for (LetterContent letter : contents) {
            List<List<Segment>> pages;
            try {
                pages = layout.pages(letter);
            } catch (IllegalArgumentException e) {
                throw named(letter, e);
            }
            digest.reset();
            List<EncodedPage> encoded = new ArrayList<>(pages.size());
            for (List<Segment> page : pages) {
                content.reset();
                List<EncodedSegment> forms = new ArrayList<>(4);
                for (Segment segment : page) {
                    if (segment.fixed()) {
                        EncodedSegment form = fixedSegment(segment);
                        content.form("S" + forms.size());
                        forms.add(form);
                        digest.update(form.raw());
                    } else {
                        content.draw(segment.ops());
                    }
                }
                byte[] raw = content.bytes();
                digest.update(raw);
                encoded.add(new EncodedPage(forms, deflate(raw)));
            }
            letters.add(new EncodedLetter(letter.letterId(), encoded, HexFormat.of().formatHex(digest.digest())));
        }
        return new EncodedChunk(letters, content.regularGlyphs(), content.boldGlyphs());
    }

    private EncodedSegment fixedSegment(Segment segment) {
        EncodedSegment cached = segments.get(segment);
        if (cached != null) {
            return cached;
        }
        if (segments.size() > SEGMENT_CACHE_LIMIT) {
            segments.clear(); // many layouts in play: start over rather than grow without bound
        }
        PdfContent content = new PdfContent(layout);
        content.draw(segment.ops());
        byte[] raw = content.bytes();
        EncodedSegment encoded = new EncodedSegment(raw, deflate(raw), content.regularGlyphs(), content.boldGlyphs());
        EncodedSegment earlier = segments.putIfAbsent(segment, encoded);
        return earlier != null ? earlier : encoded;
    }

    private byte[] deflate(byte[] raw) {
        Deflater deflater = deflaters.get();
        deflater.reset();
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 3));
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static IllegalArgumentException named(LetterContent content, IllegalArgumentException e) {
        // the message names the letter and the problem (e.g. a code point), never the person
        return new IllegalArgumentException("Letter " + content.letterId() + ": " + e.getMessage(), e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Assembles encoded letters into one PDF file; shared parts and fonts are written once. */
    private final class LetterFileWriter {
        private final PdfFile file;
        private final boolean duplex;
        private final int regularFont;
        private final int boldFont;
        private final String fontResources;
        private final Map<EncodedSegment, Integer> forms = new IdentityHashMap<>();
        private final BitSet regularGlyphs = new BitSet();
        private final BitSet boldGlyphs = new BitSet();

        LetterFileWriter(OutputStream out, boolean duplex) throws IOException {
            this.file = new PdfFile(out, LetterLayout.PAGE_WIDTH, LetterLayout.PAGE_HEIGHT);
            this.duplex = duplex;
            this.regularFont = file.allocate();
            this.boldFont = file.allocate();
            this.fontResources = "/Font << /F1 " + regularFont + " 0 R /F2 " + boldFont + " 0 R >>";
        }

        int pageCount() {
            return file.pageCount();
        }

        /** Writes the chunk's letters in order and answers, per letter, where it landed. */
        void add(EncodedChunk chunk, List<LetterResult> written) throws IOException {
            regularGlyphs.or(chunk.regularGlyphs());
            boldGlyphs.or(chunk.boldGlyphs());
            for (EncodedLetter letter : chunk.letters()) {
                int firstPage = file.pageCount() + 1;
                add(letter);
                written.add(new LetterResult(letter.letterId(), letter.pages().size(), firstPage,
                        letter.contentSha256()));
            }
        }

        private void add(EncodedLetter letter) throws IOException {
            for (EncodedPage page : letter.pages()) {
                StringBuilder resources = new StringBuilder("<< ").append(fontResources);
                if (!page.forms().isEmpty()) {
                    resources.append(" /XObject <<");
                    for (int i = 0; i < page.forms().size(); i++) {
                        resources.append(" /S").append(i).append(' ').append(form(page.forms().get(i))).append(" 0 R");
                    }
                    resources.append(" >>");
                }
                resources.append(" >>");
                int content = file.allocate();
                file.writeFlateStream(content, "", page.deflated());
                file.addPage(resources.toString(), content);
            }
            if (duplex && letter.pages().size() % 2 == 1) {
                file.addBlankPage();
            }
        }

        private int form(EncodedSegment segment) throws IOException {
            Integer number = forms.get(segment);
            if (number == null) {
                number = file.allocate();
                file.writeFlateStream(number, "/Type /XObject /Subtype /Form /BBox " + file.pageBox()
                        + " /Resources << " + fontResources + " >>", segment.deflated());
                forms.put(segment, number);
                regularGlyphs.or(segment.regularGlyphs());
                boldGlyphs.or(segment.boldGlyphs());
            }
            return number;
        }

        void finish(String title) throws IOException {
            writeFont(regularFont, regular, regularGlyphs);
            writeFont(boldFont, bold, boldGlyphs);
            file.finish(title);
        }

        private void writeFont(int number, LetterFont font, BitSet glyphs) throws IOException {
            Set<Integer> ids = glyphs.stream().boxed().collect(Collectors.toSet());
            ids.add(font.glyphs(" ")[0]);
            try (PDDocument scratch = new PDDocument()) {
                PDType0Font embedded = PDType0Font.load(scratch, font.parse(), true);
                embedded.addGlyphsToSubset(ids);
                embedded.subset();
                COSStream toUnicode = scratch.getDocument().createCOSStream();
                try (OutputStream cmap = toUnicode.createOutputStream(COSName.FLATE_DECODE)) {
                    cmap.write(font.toUnicodeCMap(ids));
                }
                embedded.getCOSObject().setItem(COSName.TO_UNICODE, toUnicode);
                file.writeCopy(number, embedded.getCOSObject());
            }
        }
    }
}
