package io.certbridge.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.AsIssued;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** GET /v1/certificates/{id}/pdf: the template's design, filled in, with the credential inside the PDF. */
class CertificatePdfApiTest extends HubTestBase {

    private static final String DESIGN = """
            <html><head><title>{{achievement_name}}</title></head>
            <body><h1>Diploma of {{field.course}}</h1><p>Awarded to {{recipient_name}}</p>
            <img src="{{qr_data_uri}}" width="120" height="120"/></body></html>""";

    @Test
    void thePdfShowsTheCertificateAndCarriesItsCredential() throws Exception {
        JsonNode created = api().post("/v1/certificates", certificate(courseTemplate(), "ada@example.org")).body();

        HttpResponse<byte[]> pdf = getPdf(created.get("id").asText(), api().key());

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Ada Lovelace").contains("Analytical Engines").contains(created.get("id").asText());
            assertThat(AsIssued.credential(ApiClient.json().readTree(attachedCredential(document))))
                    .isEqualTo(created.get("credential"));
        }
    }

    @Test
    void aTemplateWithItsOwnDesignGetsItAndABrokenDesignIsRefused() throws Exception {
        ApiClient.Response template = api().post("/v1/templates", Map.of("name", "Diploma", "design", DESIGN,
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))));
        assertThat(template.status()).isEqualTo(201);
        JsonNode created = api().post("/v1/certificates", Map.of("template_id", template.body().get("id").asText(),
                "recipient", Map.of("name", "Grace Hopper", "email", "grace@example.org"),
                "fields", Map.of("course", "Compilers"))).body();

        try (PDDocument document = Loader.loadPDF(getPdf(created.get("id").asText(),
                api().key()).body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Diploma of Compilers").contains("Awarded to Grace Hopper");
        }

        ApiClient.Response broken = api().post("/v1/templates", Map.of("name", "Broken", "fields", List.of(),
                "design", "<html><body><p>unclosed</body></html>"));
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.body().at("/errors/0/field").asText()).isEqualTo("design");
        assertThat(broken.body().at("/errors/0/detail").asText()).contains("line 1");
    }

    @Test
    void anotherEnvironmentsOrAnUnknownCertificateIsNotFound() throws Exception {
        JsonNode created = api().post("/v1/certificates", certificate(courseTemplate(), "ada@example.org")).body();
        String testKey = keyWith("test", "certificates:read").key();

        assertThat(getPdf(created.get("id").asText(), testKey).statusCode()).isEqualTo(404);
        assertThat(getPdf("cert_unknown", api().key()).statusCode()).isEqualTo(404);
        assertThat(getPdf(created.get("id").asText(), null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<byte[]> getPdf(String id, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/certificates/" + id + "/pdf"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static byte[] attachedCredential(PDDocument document) throws IOException {
        PDComplexFileSpecification file = document.getDocumentCatalog().getNames().getEmbeddedFiles()
                .getNames().get("credential.json");
        return file.getEmbeddedFile().toByteArray();
    }
}
