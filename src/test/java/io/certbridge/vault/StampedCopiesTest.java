package io.certbridge.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.certbridge.document.QrCode;
import io.certbridge.support.CertificateFiles;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

/** The stamp goes where there is room and nowhere else, upright as the page is shown. */
class StampedCopiesTest {

    private static final String URL = "https://certs.example.org/verify/cert_0123456789ABCDEFGHIJKL";

    private final StampedCopies stamps = new StampedCopies(new QrCode(),
            new VaultSettings(20_971_520, 200, 8, 1, Duration.ofMinutes(2), 5, 3, Duration.ofHours(24)));

    @Test
    void onlyTheStampsAreaChangesAndItLinksToTheVerificationPage() throws Exception {
        byte[] original = CertificateFiles.pdf("Ada Lovelace");

        byte[] stamped = stamps.stamp(DocumentKind.PDF, original, URL, "ab".repeat(32));

        try (PDDocument before = Loader.loadPDF(original); PDDocument after = Loader.loadPDF(stamped)) {
            var link = after.getPage(0).getAnnotations().getFirst();
            PDRectangle area = link.getRectangle();
            float pageHeight = after.getPage(0).getCropBox().getHeight();
            Rectangle stampArea = new Rectangle((int) Math.floor(area.getLowerLeftX()) - 1,
                    (int) Math.floor(pageHeight - area.getUpperRightY()) - 1, (int) Math.ceil(area.getWidth()) + 2,
                    (int) Math.ceil(area.getHeight()) + 2);
            BufferedImage was = new PDFRenderer(before).renderImage(0, 1, ImageType.RGB);
            BufferedImage is = new PDFRenderer(after).renderImage(0, 1, ImageType.RGB);
            int changedOutside = 0;
            for (int y = 0; y < was.getHeight(); y++) {
                for (int x = 0; x < was.getWidth(); x++) {
                    if (was.getRGB(x, y) != is.getRGB(x, y) && !stampArea.contains(x, y)) {
                        changedOutside++;
                    }
                }
            }
            assertThat(changedOutside).isZero();
            assertThat(decode(new PDFRenderer(after).renderImageWithDPI(0, 150, ImageType.RGB)).getText())
                    .isEqualTo(URL);
        }
    }

    @Test
    void onAPageShownTurnedTheStampIsUprightAsShown() throws Exception {
        byte[] turned;
        try (PDDocument document = Loader.loadPDF(CertificateFiles.pdf("Grace Hopper"))) {
            document.getPage(0).setRotation(90);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            turned = out.toByteArray();
        }

        byte[] stamped = stamps.stamp(DocumentKind.PDF, turned, URL, "ab".repeat(32));

        try (PDDocument document = Loader.loadPDF(stamped)) {
            Result qr = decode(new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.RGB));
            assertThat(qr.getText()).isEqualTo(URL);
            ResultPoint[] finders = qr.getResultPoints();
            ResultPoint bottomLeft = finders[0];
            ResultPoint topLeft = finders[1];
            ResultPoint topRight = finders[2];
            assertThat(topLeft.getY()).as("top left above bottom left").isLessThan(bottomLeft.getY());
            assertThat(topLeft.getX()).as("top left left of top right").isLessThan(topRight.getX());
        }
    }

    private static Result decode(BufferedImage image) throws Exception {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))));
    }
}
