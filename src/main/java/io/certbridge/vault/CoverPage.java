package io.certbridge.vault;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The first page added to a PDF that has no room for the stamp: the size its first page is shown at, saying where the
 * certificate that follows is verified, with a large QR code of the link (a link itself), and the SHA-256 by which
 * the credential names the original file. Only ASCII is written on it (the link, the hash, fixed words), so the
 * standard fonts serve.
 */
final class CoverPage {

    private static final float QR_SIZE = 180;
    private static final float MARGIN = 18;

    private CoverPage() {
    }

    static void addFirst(PDDocument document, VerificationStamp stamp, String sha256) throws IOException {
        PageGeometry first = PageGeometry.of(document.getPage(0));
        PDPage cover = new PDPage(new PDRectangle(first.width(), first.height()));
        document.getPages().insertBefore(cover, document.getPage(0));
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        float width = first.width();
        float top = first.height() - 72;
        try (PDPageContentStream content = new PDPageContentStream(document, cover)) {
            centered(content, bold, 18, "Verifiable certificate", width, top);
            centered(content, regular, 10, "The certificate on the following pages is verified at", width, top - 28);
            float linkSize = Math.min(10, (width - 2 * MARGIN) / (regular.getStringWidth(stamp.link()) / 1000));
            centered(content, regular, linkSize, stamp.link(), width, top - 44);
            content.setNonStrokingColor(0f, 0f, 0f);
            stamp.drawModules(content, (width - QR_SIZE) / 2, top - 64 - QR_SIZE, QR_SIZE);
            cover.getAnnotations().add(StampedCopies.link(
                    new PDRectangle((width - QR_SIZE) / 2, top - 64 - QR_SIZE, QR_SIZE, QR_SIZE), stamp.link()));
            float hashSize = Math.min(8, (width - 2 * MARGIN) / (regular.getStringWidth(sha256) / 1000));
            centered(content, regular, 8, "Its credential names the original file by its SHA-256:", width,
                    top - 88 - QR_SIZE);
            centered(content, regular, hashSize, sha256, width, top - 102 - QR_SIZE);
        }
    }

    private static void centered(PDPageContentStream content, PDType1Font font, float size, String text, float width,
                                 float baseline) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset((width - font.getStringWidth(text) / 1000 * size) / 2, baseline);
        content.showText(text);
        content.endText();
    }
}
