package io.certbridge.vault;

import io.certbridge.document.QrCode;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.stereotype.Component;

/**
 * Makes the copy of a vault file that the certificate's PDF is: the file with a QR code of the verification link and
 * the link itself stamped on it. A PDF gets the stamp on the first of its first pages with room for it (rendered, and
 * looked at by {@link FreeArea}), or, when none has, a first page of its own ({@link CoverPage}); an image becomes a
 * PDF page with a strip under it for the stamp ({@link ImagePage}). The rest of the document is left as it was.
 */
@Component
class StampedCopies {

    /** Rendered at 72 dpi: a pixel is a point, fine enough to see a hairline. */
    private static final float RENDER_SCALE = 1f;
    /** Kept from the edges of the page, where printers cut. */
    private static final int MARGIN = 18;
    /** Nothing drawn this near the stamp, so that it does not touch what is there. */
    private static final int CLEARANCE = 6;
    private static final int STEP = 3;

    private final QrCode qr;
    private final int pagesSearched;

    StampedCopies(QrCode qr, VaultSettings settings) {
        this.qr = qr;
        this.pagesSearched = settings.pagesSearched();
    }

    /** @param sha256 the file's, which a first page added says */
    byte[] stamp(DocumentKind kind, byte[] file, String verificationUrl, String sha256) {
        VerificationStamp stamp = new VerificationStamp(verificationUrl, qr.modules(verificationUrl));
        try (PDDocument document = kind == DocumentKind.PDF ? open(file)
                : ImagePage.document(file, stamp.height() + MARGIN + 2 * CLEARANCE)) {
            if (!stampFirstPageWithRoom(document, stamp)) {
                CoverPage.addFirst(document, stamp, sha256);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocument("the PDF is protected by a password; upload it without one", e);
        } catch (IOException e) {
            throw new UnreadableDocument("the file cannot be read as a " + kind + ": " + e.getMessage(), e);
        }
    }

    /** Opened as a reader would, without a password; a PDF that restricts changes is changed all the same. */
    private static PDDocument open(byte[] file) throws IOException {
        PDDocument document = Loader.loadPDF(file);
        if (document.getNumberOfPages() == 0) {
            document.close();
            throw new UnreadableDocument("the PDF has no pages");
        }
        if (document.isEncrypted()) {
            document.setAllSecurityToBeRemoved(true);
        }
        return document;
    }

    private boolean stampFirstPageWithRoom(PDDocument document, VerificationStamp stamp) throws IOException {
        PDFRenderer renderer = new PDFRenderer(document);
        renderer.setSubsamplingAllowed(true);
        int pages = Math.min(pagesSearched, document.getNumberOfPages());
        for (int index = 0; index < pages; index++) {
            PDPage page = document.getPage(index);
            PageGeometry geometry = PageGeometry.of(page);
            BufferedImage rendered = renderer.renderImage(index, RENDER_SCALE, ImageType.RGB);
            Optional<Point> room = new FreeArea(rendered).find(pixels(stamp.width()), pixels(stamp.height()),
                    CLEARANCE, MARGIN, STEP);
            if (room.isPresent()) {
                float x = room.get().x / RENDER_SCALE;
                float y = geometry.height() - room.get().y / RENDER_SCALE - stamp.height();
                draw(document, page, geometry, stamp, x, y);
                return true;
            }
        }
        return false;
    }

    private static int pixels(float points) {
        return (int) Math.ceil(points * RENDER_SCALE);
    }

    /** Draws the stamp upright as the page is shown, at (x, y) shown, and makes it a link to the verification page. */
    private static void draw(PDDocument document, PDPage page, PageGeometry geometry, VerificationStamp stamp, float x,
                     float y) throws IOException {
        try (PDPageContentStream content = new PDPageContentStream(document, page,
                PDPageContentStream.AppendMode.APPEND, true, true)) {
            content.transform(geometry.shownToPage());
            stamp.draw(content, x, y);
        }
        page.getAnnotations().add(link(geometry.onPage(x, y, stamp.width(), stamp.height()), stamp.link()));
    }

    static PDAnnotationLink link(PDRectangle area, String url) {
        PDActionURI action = new PDActionURI();
        action.setURI(url);
        PDAnnotationLink link = new PDAnnotationLink();
        link.setRectangle(area);
        link.setAction(action);
        PDBorderStyleDictionary noBorder = new PDBorderStyleDictionary();
        noBorder.setWidth(0);
        link.setBorderStyle(noBorder);
        return link;
    }
}
