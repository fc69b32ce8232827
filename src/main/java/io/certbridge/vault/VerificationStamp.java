package io.certbridge.vault;

import com.google.zxing.common.BitMatrix;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * What the vault stamps on a certificate: a QR code of its verification link on a white ground, and the link written
 * under it, in points. The link's type shrinks to fit {@link #MAX_TEXT_WIDTH}; it is ASCII, as the hub's links are.
 * One stamp serves one document.
 */
final class VerificationStamp {

    static final float QR_SIZE = 64;
    /** White around the code: with the code's own quiet module, about four modules, as readers want. */
    static final float PADDING = 6;
    static final float MAX_TEXT_WIDTH = 220;
    private static final float CAPTION_SIZE = 6;
    private static final float MAX_LINK_SIZE = 6;
    private static final float LINE_GAP = 2;
    private static final String CAPTION = "Verify this certificate at";
    /** One per document: a font object belongs to the document it is written into. */
    private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final String link;
    private final BitMatrix modules;
    private final float linkSize;
    private final float width;
    private final float height;

    VerificationStamp(String link, BitMatrix modules) {
        this.link = link;
        this.modules = modules;
        float linkWidthAtOne = textWidth(link, 1);
        this.linkSize = Math.min(MAX_LINK_SIZE, MAX_TEXT_WIDTH / linkWidthAtOne);
        float textWidth = Math.max(textWidth(CAPTION, CAPTION_SIZE), linkWidthAtOne * linkSize);
        this.width = Math.max(QR_SIZE, textWidth) + 2 * PADDING;
        this.height = PADDING + QR_SIZE + LINE_GAP + CAPTION_SIZE + LINE_GAP + linkSize + PADDING;
    }

    float width() {
        return width;
    }

    float height() {
        return height;
    }

    String link() {
        return link;
    }

    /** Draws the stamp with its lower left corner at (x, y) of the stream's current coordinates. */
    void draw(PDPageContentStream content, float x, float y) throws IOException {
        content.saveGraphicsState();
        content.setNonStrokingColor(1f, 1f, 1f);
        content.addRect(x, y, width, height);
        content.fill();
        content.setNonStrokingColor(0f, 0f, 0f);
        float qrLeft = x + (width - QR_SIZE) / 2;
        float qrBottom = y + height - PADDING - QR_SIZE;
        drawModules(content, qrLeft, qrBottom, QR_SIZE);
        float captionBaseline = qrBottom - LINE_GAP - CAPTION_SIZE * 0.8f;
        writeCentered(content, CAPTION, CAPTION_SIZE, x, captionBaseline);
        writeCentered(content, link, linkSize, x, captionBaseline - LINE_GAP - linkSize);
        content.restoreGraphicsState();
    }

    /** The code as filled squares, each row's runs of dark modules merged into one rectangle. */
    void drawModules(PDPageContentStream content, float left, float bottom, float size) throws IOException {
        float module = size / modules.getWidth();
        for (int row = 0; row < modules.getHeight(); row++) {
            int column = 0;
            while (column < modules.getWidth()) {
                if (!modules.get(column, row)) {
                    column++;
                    continue;
                }
                int start = column;
                while (column < modules.getWidth() && modules.get(column, row)) {
                    column++;
                }
                content.addRect(left + start * module, bottom + size - (row + 1) * module,
                        (column - start) * module, module);
            }
        }
        content.fill();
    }

    private void writeCentered(PDPageContentStream content, String text, float size, float x, float baseline)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x + (width - textWidth(text, size)) / 2, baseline);
        content.showText(text);
        content.endText();
    }

    float textWidth(String text, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new IllegalStateException("Helvetica has no width for " + text, e);
        }
    }
}
