package io.certbridge.vault;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A PNG or JPEG certificate as a one-page PDF: an A4 page, turned as the picture is, with the picture as large as fits
 * over an empty strip along the bottom, where the stamp goes. A JPEG is kept as it is, compressed; the pixels of a
 * picture larger than {@link #MAX_PIXELS} are not read.
 */
final class ImagePage {

    static final long MAX_PIXELS = 50_000_000;
    private static final float MARGIN = 36;

    private ImagePage() {
    }

    /** @param strip the height of the empty strip along the bottom, in points */
    static PDDocument document(byte[] image, float strip) throws IOException {
        long pixels = pixels(image);
        if (pixels > MAX_PIXELS) {
            throw new UnreadableDocument("the picture has " + pixels / 1_000_000 + " million pixels; the vault takes "
                    + MAX_PIXELS / 1_000_000 + " million at most");
        }
        PDDocument document = new PDDocument();
        try {
            PDImageXObject picture = PDImageXObject.createFromByteArray(document, image, "certificate");
            PDRectangle size = picture.getWidth() > picture.getHeight()
                    ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()) : PDRectangle.A4;
            float areaWidth = size.getWidth() - 2 * MARGIN;
            float areaHeight = size.getHeight() - MARGIN - strip;
            float scale = Math.min(areaWidth / picture.getWidth(), areaHeight / picture.getHeight());
            float width = picture.getWidth() * scale;
            float height = picture.getHeight() * scale;
            PDPage page = new PDPage(size);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(picture, (size.getWidth() - width) / 2, strip + (areaHeight - height) / 2, width,
                        height);
            }
            return document;
        } catch (IOException | RuntimeException e) {
            document.close();
            throw e;
        }
    }

    /** Width times height, from the picture's header. */
    private static long pixels(byte[] image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableDocument("the picture cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        }
    }
}
