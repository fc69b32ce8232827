package io.certbridge.emulator.vec;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.certbridge.emulator.vec.VaultCertificate.StoredFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * What processing makes of an uploaded file: the verified PDF, the uploaded PDF (or a page showing the uploaded
 * image) with a QR code of the verification URL stamped on its first page, the reference id under it, and the
 * uuid and reference id in the document information (written uncompressed, so they can be found in the bytes).
 */
final class VerifiedPdf {

    private static final float MODULE = 2f;
    private static final float MARGIN = 12f;

    private VerifiedPdf() {
    }

    /** Whether processing can read the file (a file that only starts like a PDF fails processing). */
    static boolean readable(StoredFile file) {
        try (PDDocument document = open(file)) {
            return document.getNumberOfPages() > 0;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    static byte[] stamp(StoredFile file, VaultCertificate certificate, String verificationUrl) {
        try (PDDocument document = open(file)) {
            PDPage page = document.getPage(0);
            BitMatrix qr = qrCode(verificationUrl);
            PDRectangle box = page.getMediaBox();
            float left = box.getUpperRightX() - MARGIN - qr.getWidth() * MODULE;
            float bottom = box.getLowerLeftY() + MARGIN + 10;
            try (PDPageContentStream stamp = new PDPageContentStream(document, page, AppendMode.APPEND, true, true)) {
                stamp.setNonStrokingColor(0f);
                for (int y = 0; y < qr.getHeight(); y++) {
                    for (int x = 0; x < qr.getWidth(); x++) {
                        if (qr.get(x, y)) {
                            stamp.addRect(left + x * MODULE, bottom + (qr.getHeight() - 1 - y) * MODULE, MODULE, MODULE);
                        }
                    }
                }
                stamp.fill();
                stamp.beginText();
                stamp.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 6);
                stamp.newLineAtOffset(left, bottom - 8);
                stamp.showText("VEC.digital " + certificate.referenceId());
                stamp.endText();
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setSubject("VEC.digital verified certificate " + certificate.referenceId());
            info.setKeywords(certificate.uuid() + " " + certificate.referenceId());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("the upload was readable when processed", e);
        }
    }

    private static BitMatrix qrCode(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0);
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PDDocument open(StoredFile file) throws IOException {
        if (file.mimeType().equals("application/pdf")) {
            return Loader.loadPDF(file.content());
        }
        PDDocument document = new PDDocument();
        try {
            PDImageXObject image = PDImageXObject.createFromByteArray(document, file.content(), file.fileName());
            PDPage page = new PDPage(new PDRectangle(image.getWidth(), image.getHeight()));
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 0, 0);
            }
            return document;
        } catch (IOException | RuntimeException e) {
            document.close();
            throw e;
        }
    }
}
