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

    public CertificatePdf() {
        PdfLibraryLog.install();
        FallbackFonts.measure();
    }

    public byte[] render(String html, byte[] credentialJson) {
        return render(html, credentialJson == null ? null : new Attachment("credential.json", "application/json",
                "Open Badges 3.0 verifiable credential", credentialJson));
    }

    public byte[] render(String html, Attachment attachment) {
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .withProducer("certbridge")
                .useUnicodeBidiSplitter(IcuBidi.Splitter::new)
                .useUnicodeBidiReorderer(new IcuBidi.Reorderer());
        FallbackFonts.addTo(builder);
        builder.withW3cDocument(Xhtml.parse(html), null)
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
