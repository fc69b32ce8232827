package io.certbridge.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Reads the QR code on a page of a PDF as a phone would read it off a print: rendered at 150 dpi, then decoded. */
public final class PdfQrCodes {

    private PdfQrCodes() {
    }

    /** The text of the QR code on page {@code index} (from 0), if the page shows one that decodes. */
    public static Optional<String> onPage(byte[] pdf, int index) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var image = new PDFRenderer(document).renderImageWithDPI(index, 150, ImageType.RGB);
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return Optional.of(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
