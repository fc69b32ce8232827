package io.certbridge.document;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.CacheStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The standard PDF fonts a design names (serif, sans-serif...) only cover Western European characters. These fonts
 * come after every font a design names, in this order, so each character the earlier ones lack is drawn by the
 * first that has it: Liberation Sans (inside PDFBox) for Latin, Greek and Cyrillic, Noto Sans for Arabic, Hebrew,
 * Devanagari and Thai, Droid Sans Fallback for Chinese and Japanese, and NanumSquare for Korean. Only the glyphs a
 * certificate uses are embedded.
 */
final class FallbackFonts {

    private static final List<Font> FONTS = List.of(
            Font.of("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf", "Liberation Sans", 400),
            Font.of("/fonts/NotoSansArabic-Regular.ttf", "Noto Sans Arabic", 400),
            Font.of("/fonts/NotoSansArabic-Bold.ttf", "Noto Sans Arabic", 700),
            Font.of("/fonts/NotoSansHebrew-Regular.ttf", "Noto Sans Hebrew", 400),
            Font.of("/fonts/NotoSansHebrew-Bold.ttf", "Noto Sans Hebrew", 700),
            Font.of("/fonts/NotoSansDevanagari-Regular.ttf", "Noto Sans Devanagari", 400),
            Font.of("/fonts/NotoSansDevanagari-Bold.ttf", "Noto Sans Devanagari", 700),
            Font.of("/fonts/NotoSansThai-Regular.ttf", "Noto Sans Thai", 400),
            Font.of("/fonts/NotoSansThai-Bold.ttf", "Noto Sans Thai", 700),
            Font.of("/fonts/DroidSansFallbackFull.ttf", "Droid Sans Fallback", 400),
            Font.of("/fonts/NanumSquareR.ttf", "NanumSquare", 400),
            Font.of("/fonts/NanumSquareB.ttf", "NanumSquare", 700));

    private static final Metrics METRICS = new Metrics();

    /** Text in each weight the fonts come in, which takes every fallback font's metrics. */
    private static final String ONE_LINE_PER_WEIGHT = """
            <html><body><p>x</p><p style="font-weight: bold">x</p></body></html>""";

    private FallbackFonts() {
    }

    /**
     * Measures the fallback fonts before any design is rendered, so that a design's own font named like one of
     * them cannot stand in for its metrics in other designs.
     */
    static void measure() {
        PdfRendererBuilder builder = new PdfRendererBuilder().withHtmlContent(ONE_LINE_PER_WEIGHT, null);
        addTo(builder);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
        }
    }

    static void addTo(PdfRendererBuilder builder) {
        builder.useCacheStore(CacheStore.PDF_FONT_METRICS, METRICS);
        for (Font font : FONTS) {
            builder.useFont(() -> new ByteArrayInputStream(font.file()), font.family(), font.weight(),
                    FontStyle.NORMAL, true, EnumSet.of(FSFontUseCase.FALLBACK_FINAL));
        }
    }

    /** A font's file is read once; the renderer parses it again for each document that draws with it. */
    private record Font(String family, int weight, byte[] file) {

        static Font of(String resource, String family, int weight) {
            try (InputStream in = FallbackFonts.class.getResourceAsStream(resource)) {
                return new Font(family, weight, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A line's height takes the metrics of every font its text may fall back to, so without these each render would
     * parse every fallback font (4 MB for Chinese alone). Only the fallback fonts' metrics are kept, as first
     * measured: a design's own font, possibly named like another design's, is measured again in each render.
     * openhtmltopdf keys metrics as {@code font-metrics2:<family>:<weight>:<style>}.
     */
    private static final class Metrics implements FSCacheEx<String, FSCacheValue> {

        private final Map<String, FSCacheValue> kept = new ConcurrentHashMap<>();

        @Override
        public void put(String key, FSCacheValue value) {
            if (isFallback(key)) {
                kept.putIfAbsent(key, value);
            }
        }

        @Override
        public FSCacheValue get(String key, Callable<? extends FSCacheValue> measure) {
            FSCacheValue value = get(key);
            if (value != null) {
                return value;
            }
            try {
                value = measure.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            put(key, value);
            return value;
        }

        @Override
        public FSCacheValue get(String key) {
            return kept.get(key);
        }

        private static boolean isFallback(String key) {
            return FONTS.stream().anyMatch(font -> key.startsWith("font-metrics2:" + font.family() + ":"));
        }
    }
}
