package io.certbridge.document;

import static com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI;
import static com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.certbridge.template.Xhtml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Renders a filled-in certificate design to PDF and attaches the certificate's verifiable credential as
 * {@code credential.json} (or another document, such as a hash certification report's data). The PDF title comes from the design's {@code <title>}.
 *
 * <p>Designs come from customers, so rendering reads nothing but the HTML itself and {@code data:} URIs: every
 * other URI (http, file, jar, relative...) is refused before it is resolved and again after, so no request or
 * file read is ever made. The XHTML is parsed here without external DTDs or entities for the same reason.
 */
@Component
public class CertificatePdf {

    /** A file embedded in the PDF (an associated file with the relationship Data, as PDF/A-3 has it). */
    public record Attachment(String name, String mediaType, String description, byte[] content) {
    }

    /** The word across a preview. */
    public static final String PREVIEW = "PREVIEW";

    public CertificatePdf() {
        PdfLibraryLog.install();
        FallbackFonts.measure();
    }

    public byte[] render(String html, byte[] credentialJson) {
        return render(html, credentialJson == null ? null : new Attachment("credential.json", "application/json",
                "Open Badges 3.0 verifiable credential", credentialJson));
    }

    public byte[] render(String html, Attachment attachment) {
        return render(Xhtml.parse(html), attachment);
    }

    /**
     * A preview of a certificate: the filled-in design with "PREVIEW" written large across every page, and no
     * credential attached, so that it cannot pass for a certificate.
     */
    public byte[] renderPreview(String html) {
        Document document = Xhtml.parse(html);
        Element root = document.getDocumentElement();
        NodeList bodies = document.getElementsByTagNameNS(root.getNamespaceURI(), "body");
        Element parent = bodies.getLength() > 0 ? (Element) bodies.item(0) : root;
        Element mark = document.createElementNS(root.getNamespaceURI(), "div");
        mark.setAttribute("style", "position: fixed; top: 38%; left: 0; right: 0; text-align: center;"
                + " font-family: sans-serif; font-size: 96pt; font-weight: bold; color: #f4c2c7;"
                + " transform: rotate(-30deg); z-index: 1000");
        mark.setTextContent(PREVIEW);
        // on top, so that no background of the design hides it; pale, as the renderer knows no opacity
        parent.appendChild(mark);
        return render(document, null);
    }

    private byte[] render(Document html, Attachment attachment) {
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .withProducer("certbridge")
                .useUnicodeBidiSplitter(IcuBidi.Splitter::new)
                .useUnicodeBidiReorderer(new IcuBidi.Reorderer());
        FallbackFonts.addTo(builder);
        builder.withW3cDocument(html, null)
                .useExternalResourceAccessControl(CertificatePdf::isDataUri, RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl(CertificatePdf::isDataUri, RUN_AFTER_RESOLVING_URI);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer(); PDDocument pdf = renderer.createPDFKeepOpen()) {
            if (attachment != null) {
                attach(pdf, attachment);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isDataUri(String uri, ExternalResourceType type) {
        return uri.regionMatches(true, 0, "data:", 0, 5);
    }

    private static void attach(PDDocument pdf, Attachment attachment) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(pdf, new ByteArrayInputStream(attachment.content()));
        file.setSubtype(attachment.mediaType());
        file.setSize(attachment.content().length);
        file.setCreationDate(Calendar.getInstance());

        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(attachment.name());
        spec.setFileUnicode(attachment.name());
        spec.setEmbeddedFile(file);
        spec.setEmbeddedFileUnicode(file);
        spec.setFileDescription(attachment.description());
        spec.getCOSObject().setName(COSName.AF_RELATIONSHIP, "Data");

        PDEmbeddedFilesNameTreeNode embeddedFiles = new PDEmbeddedFilesNameTreeNode();
        embeddedFiles.setNames(Map.of(attachment.name(), spec));
        PDDocumentCatalog catalog = pdf.getDocumentCatalog();
        PDDocumentNameDictionary names = catalog.getNames() != null
                ? catalog.getNames() : new PDDocumentNameDictionary(catalog);
        names.setEmbeddedFiles(embeddedFiles);
        catalog.setNames(names);

        COSArray associatedFiles = new COSArray();
        associatedFiles.add(spec);
        catalog.getCOSObject().setItem(COSName.AF, associatedFiles);
    }
}
