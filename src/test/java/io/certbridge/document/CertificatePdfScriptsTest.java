package io.certbridge.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.template.CertificateDesign;
import io.certbridge.template.CertificateDesign.Field;
import io.certbridge.template.CertificateDesign.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDSimpleFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names and fields in the world's main scripts print as themselves: no character is replaced by '#' or drawn
 * with a font's missing-glyph box, the text read back from the PDF is the text put in, right-to-left text reads
 * from the right, and Arabic letters join.
 */
class CertificatePdfScriptsTest {

    private static final byte[] CREDENTIAL = "{}".getBytes(StandardCharsets.UTF_8);

    private final CertificateDesign design = new CertificateDesign();
    private final CertificatePdf certificatePdf = new CertificatePdf();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Latin      | Zoë Łukasiewicz-Ångström | Çağrı Öztürk
            Greek      | Ζωή Παπαδοπούλου         | Αλγόριθμοι
            Cyrillic   | Жанна Рыбникова          | Программирование
            Chinese    | 张伟                     | 数据工程高级课程
            Japanese   | 山田 はなこ カタカナ      | データ工学
            Korean     | 김민준                   | 데이터 공학
            Arabic     | زينب الحسيني             | هندسة البيانات
            Hebrew     | נועה כהן                 | הנדסת נתונים
            Thai       | สมชาย ใจดี                | วิศวกรรมข้อมูล
            """)
    void aNameAndAFieldPrintAndReadBack(String script, String name, String field) throws IOException {
        Printed printed = print(name, field);

        assertThat(printed.missingGlyphs).as("glyphs drawn as the missing-glyph box").isEmpty();
        assertThat(printed.text).doesNotContain("#");
        // PDFTextStripper puts right-to-left text back in reading order; Arabic comes back in the joined forms
        // that were drawn (presentation forms), which NFKC turns back into plain letters
        List<String> lines = Normalizer.normalize(printed.text, Normalizer.Form.NFKC).lines().map(String::strip).toList();
        assertThat(lines).contains(name).anySatisfy(line -> assertThat(line).endsWith(field));
    }

    /**
     * Devanagari letters combine into conjuncts (प्र is प + virama + र): PDFBox substitutes the font's conjunct
     * glyphs, so fewer glyphs are drawn than letters given. A conjunct glyph has no single character to map back
     * to, so text copied out of the PDF lacks those letters ("प्रिया शर्मा" reads back as "ि या शमा").
     */
    @Test
    void devanagariPrintsWithItsConjuncts() throws IOException {
        String name = "प्रिया शर्मा";
        Printed printed = print(name, "Data engineering");

        assertThat(printed.missingGlyphs).isEmpty();
        assertThat(printed.text).doesNotContain("#");
        long letters = name.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.DEVANAGARI)
                .count();
        List<TextPosition> drawn = printed.drawn.stream()
                .filter(glyph -> glyph.getFont().getName().contains("Devanagari")).toList();
        assertThat(drawn).isNotEmpty().hasSizeLessThan((int) letters);
    }

    @Test
    void rightToLeftTextReadsFromTheRightWithItsNumbers() throws IOException {
        Printed printed = print("נועה כהן 2", "מספר 101");

        TextPosition nun = printed.first("נ");
        TextPosition two = printed.first("2");
        assertThat(two.getXDirAdj()).as("the 2 ends the name, at its left").isLessThan(nun.getXDirAdj());
        assertThat(printed.first("ה").getXDirAdj()).as("the name begins at the right").isLessThan(nun.getXDirAdj());
    }

    @Test
    void arabicLettersJoin() throws IOException {
        Printed printed = print("زينب", "x");

        // drawn from the left: final beh, medial noon, initial yeh (presentation forms); unjoined, none of these
        assertThat(printed.drawn).extracting(TextPosition::getUnicode).containsSubsequence("\uFE90", "\uFEE8", "\uFEF3");
    }

    @Test
    void aCustomersDesignGetsTheFallbackFontsToo() throws IOException {
        String customer = """
                <html xmlns="http://www.w3.org/1999/xhtml"><head><style>
                  body { font-family: 'Certificate Script', cursive; font-weight: bold; }
                </style></head>
                <body><p>{{recipient_name}}</p><p>{{field.course}}</p></body></html>""";
        CertificateDesign.validate(customer);
        byte[] rendered = certificatePdf.render(design.render(customer, certificate("김민준 张伟", "ข้อมูล")), CREDENTIAL);

        Printed printed = read(rendered);
        assertThat(printed.missingGlyphs).isEmpty();
        assertThat(printed.text.lines()).contains("김민준 张伟", "ข้อมูล");
    }

    private Printed print(String name, String field) throws IOException {
        return read(certificatePdf.render(design.render(null, certificate(name, field)), CREDENTIAL));
    }

    private static Printed read(byte[] pdfBytes) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            Printed printed = new Printed();
            printed.text = printed.getText(pdf);
            return printed;
        }
    }

    private static Model certificate(String name, String field) {
        Model sample = SampleCertificate.withRecipient(name);
        return new Model(sample.recipientName(), sample.achievementName(), sample.achievementDescription(),
                sample.criteria(), sample.issuerName(), sample.issuedOn(), sample.expiresOn(), sample.certificateId(),
                sample.verificationUrl(), sample.qrDataUri(), List.of(new Field("course", field)));
    }

    /** The text of a PDF, each glyph it draws, and those drawn as glyph 0 (.notdef): an empty box, or nothing. */
    private static final class Printed extends PDFTextStripper {

        final List<String> missingGlyphs = new ArrayList<>();
        final List<TextPosition> drawn = new ArrayList<>();
        String text;

        @Override
        protected void showGlyph(Matrix matrix, PDFont font, int code, Vector displacement) throws IOException {
            boolean notdef = font instanceof PDType0Font type0 ? type0.codeToGID(code) == 0
                    : font instanceof PDSimpleFont simple && ".notdef".equals(simple.getEncoding().getName(code));
            if (notdef) {
                missingGlyphs.add(font.getName() + " code " + code);
            }
            super.showGlyph(matrix, font, code, displacement);
        }

        @Override
        protected void processTextPosition(TextPosition glyph) {
            drawn.add(glyph);
            super.processTextPosition(glyph);
        }

        TextPosition first(String unicode) {
            return drawn.stream().filter(glyph -> glyph.getUnicode().equals(unicode)).findFirst().orElseThrow();
        }
    }
}
