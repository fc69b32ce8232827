package io.certbridge.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * Certificates as institutions already have them, as files: a PDF diploma (a frame, a title and the recipient's name,
 * room in its corners), a PDF whose page is covered edge to edge, the diploma as a PNG or a JPEG, and a PDF locked with
 * a password. Each names its recipient, so that no two are the same file.
 */
public final class CertificateFiles {

    private CertificateFiles() {
    }

    public static byte[] pdf(String recipient) {
        return pdf(recipient, null);
    }

    /** A PDF that opens only with {@code password}. */
    public static byte[] lockedPdf(String recipient, String password) {
        return pdf(recipient, password);
    }

    /** A one-page A4 PDF whose page is all noise: no room for anything more. */
    public static byte[] fullPagePdf(String recipient) {
        BufferedImage noise = new BufferedImage(300, 424, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(recipient.hashCode());
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(LosslessFactory.createFromImage(document, noise), 0, 0,
                        PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(String recipient) {
        return image(recipient, "png");
    }

    public static byte[] jpeg(String recipient) {
        return image(recipient, "jpeg");
    }

    private static byte[] pdf(String recipient, String password) {
        PDRectangle landscape = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(landscape);
            document.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.setLineWidth(3);
                content.addRect(24, 24, landscape.getWidth() - 48, landscape.getHeight() - 48);
                content.stroke();
                centered(content, bold, 36, "Certificate of Achievement", landscape, 400);
                centered(content, regular, 18, "awarded to", landscape, 340);
                centered(content, bold, 28, recipient, landscape, 295);
                centered(content, regular, 14, "for completing Analytical Engines with distinction", landscape, 250);
                content.moveTo(300, 140);
                content.lineTo(542, 140);
                content.stroke();
                centered(content, regular, 11, "The Registrar", landscape, 124);
            }
            if (password != null) {
                document.protect(new StandardProtectionPolicy(password + "-owner", password, new AccessPermission()));
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void centered(PDPageContentStream content, PDType1Font font, float size, String text,
                                 PDRectangle page, float baseline) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset((page.getWidth() - font.getStringWidth(text) / 1000 * size) / 2, baseline);
        content.showText(text);
        content.endText();
    }

    private static byte[] image(String recipient, String format) {
        BufferedImage image = new BufferedImage(1200, 850, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(0x1c2434));
        g.setStroke(new BasicStroke(6));
        g.drawRect(30, 30, image.getWidth() - 60, image.getHeight() - 60);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
        g.drawString("Certificate of Achievement", 230, 300);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        g.drawString(recipient, 300, 450);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
