package io.certbridge.document;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.certbridge.template.CertificateDesign;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CertificatePdfTest {

    private static final byte[] CREDENTIAL = """
            {"@context":["https://www.w3.org/ns/credentials/v2"],
             "type":["VerifiableCredential","OpenBadgeCredential"]}"""
            .getBytes(StandardCharsets.UTF_8);

    private final CertificateDesign design = new CertificateDesign();
    private final CertificatePdf certificatePdf = new CertificatePdf();

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void rendersTheDefaultDesignWithTheCredentialAttached() throws IOException {
        String html = design.render(null, SampleCertificate.withRecipient("Ada Lovelace"));

        try (PDDocument pdf = Loader.loadPDF(certificatePdf.render(html, CREDENTIAL))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(pdf)).contains("Ada Lovelace", "Advanced Data Engineering");
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Certificate — Advanced Data Engineering");

            PDComplexFileSpecification attachment = pdf.getDocumentCatalog().getNames().getEmbeddedFiles()
                    .getNames().get("credential.json");
            assertThat(attachment.getFileDescription()).isEqualTo("Open Badges 3.0 verifiable credential");
            assertThat(attachment.getEmbeddedFile().getSubtype()).isEqualTo("application/json");
            assertThat(attachment.getEmbeddedFile().toByteArray()).isEqualTo(CREDENTIAL);
            assertThat(pdf.getDocumentCatalog().getCOSObject().getCOSArray(COSName.AF)).hasSize(1);

            assertThat(imageCount(pdf.getPage(0).getResources())).isEqualTo(1);
        }
    }

    @Test
    void loadsNoExternalResources() throws IOException {
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        String customer = """
                <!DOCTYPE html SYSTEM "%1$s/doctype.dtd" [<!ENTITY remote SYSTEM "%1$s/entity">]>
                <html xmlns="http://www.w3.org/1999/xhtml"><head>
                <link rel="stylesheet" href="%1$s/link.css"/>
                <style>
                  @import url(%1$s/import.css);
                  @font-face { font-family: Remote; src: url(%1$s/font.ttf); }
                  body { font-family: Remote; background-image: url(%1$s/background.png); }
                </style></head>
                <body>
                  <p>{{recipient_name}}&remote;</p>
                  <img src="%1$s/x.png"/>
                  <img src="%1$s/x.svg"/>
                  <img src="//127.0.0.1:%2$d/scheme-relative.png"/>
                  <img src="file:///etc/hostname"/>
                  <img src="relative.png"/>
                  <object data="%1$s/object.pdf" type="application/pdf"></object>
                  <img src="{{qr_data_uri}}"/>
                </body></html>""".formatted(origin, server.getAddress().getPort());
        CertificateDesign.validate(customer);
        String html = design.render(customer, SampleCertificate.withRecipient("Ada Lovelace"));

        byte[] rendered = certificatePdf.render(html, CREDENTIAL);

        assertThat(requests).hasValue(0);
        try (PDDocument pdf = Loader.loadPDF(rendered)) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Ada Lovelace");
            assertThat(imageCount(pdf.getPage(0).getResources())).as("only the data: URI image").isEqualTo(1);
        }
    }

    private static long imageCount(PDResources resources) throws IOException {
        long images = 0;
        for (COSName name : resources.getXObjectNames()) {
            if (resources.isImageXObject(name)) {
                images++;
            }
        }
        return images;
    }

    @Test
    void theLibrarysMessagesGoToTheHubsLogUnderItsLevels() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger library = (Logger) LoggerFactory.getLogger("com.openhtmltopdf");
        log.start();
        library.addAppender(log);
        try {
            String customer = """
                    <html xmlns="http://www.w3.org/1999/xhtml"><body>
                      <p>{{recipient_name}}</p><img src="relative.png"/>
                    </body></html>""";
            certificatePdf.render(design.render(customer, SampleCertificate.withRecipient("Ada Lovelace")), CREDENTIAL);
        } finally {
            library.detachAppender(log);
        }

        assertThat(log.list).as("the refused image, as a warning of the hub's log")
                .anySatisfy(event -> {
                    assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                    assertThat(event.getFormattedMessage()).contains("relative.png");
                });
    }
}
