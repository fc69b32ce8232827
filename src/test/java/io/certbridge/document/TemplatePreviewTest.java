package io.certbridge.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** POST /v1/templates/preview and GET /v1/templates/{id}/preview: a PDF marked PREVIEW, and nothing kept. */
class TemplatePreviewTest extends HubTestBase {

    private static final String DESIGN = """
            <html><head><title>{{achievement_name}}</title></head>
            <body><h1>Diploma of {{field.course}}</h1><p>Awarded to {{recipient_name}} on {{field.completed_on}}</p>
            <p>Grade {{field.grade}}</p><img src="{{qr_data_uri}}" width="120" height="120"/></body></html>""";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaSettings kafka;

    private static Map<String, Object> template(String design) {
        return Map.of("name", "Diploma", "design", design, "valid_for_days", 365, "fields", List.of(
                Map.of("name", "course", "type", "string", "required", true),
                Map.of("name", "grade", "type", "number", "required", false),
                Map.of("name", "completed_on", "type", "date", "required", false)));
    }

    @Test
    void aDraftIsRenderedWithTheSamplesGivenAndSamplesForTheRestAndNothingIsStored() throws Exception {
        long templates = count("templates");
        long certificates = count("certificates");

        HttpResponse<byte[]> pdf = api().postForBytes("/v1/templates/preview", Map.of("template", template(DESIGN),
                "recipient", Map.of("name", "Grace Hopper", "email", "grace@example.org"),
                "fields", Map.of("course", "Compilers")));

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Diploma of Compilers").contains("Awarded to Grace Hopper")
                    .contains("Grade 42").contains("PREVIEW");
            assertThat(document.getDocumentCatalog().getNames()).as("no credential attached").isNull();
        }
        assertThat(count("templates")).isEqualTo(templates);
        assertThat(count("certificates")).isEqualTo(certificates);
        assertThat(KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.toString().contains(TemplatePreviews.PREVIEW_CERTIFICATE_ID), 1, Duration.ofSeconds(2)))
                .isEmpty();
    }

    @Test
    void anInvalidDesignGetsTheErrorsCreationGives() {
        Map<String, Object> broken = template("<html><body><p>{{recipient_name}}</body></html>");

        ApiClient.Response preview = api().post("/v1/templates/preview", Map.of("template", broken));
        ApiClient.Response create = api().post("/v1/templates", broken);

        assertThat(preview.status()).isEqualTo(422);
        assertThat(preview.contentType()).contains("application/problem+json");
        assertThat(preview.body().get("errors")).isEqualTo(create.body().get("errors"));
        assertThat(preview.body().get("errors").get(0).get("field").asText()).isEqualTo("design");
    }

    @Test
    void sampleValuesACertificateCouldNotCarryAreRefused() {
        ApiClient.Response preview = api().post("/v1/templates/preview", Map.of("template", template(DESIGN),
                "recipient", Map.of("name", "Grace", "email", "not-an-address"),
                "fields", Map.of("grade", "A+", "colour", "blue")));

        assertThat(preview.status()).isEqualTo(422);
        assertThat(preview.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("recipient.email", "fields.grade", "fields.colour");
    }

    @Test
    void aStoredTemplateIsPreviewedWithSamplesOnly() throws Exception {
        String id = api().post("/v1/templates", template(DESIGN)).body().get("id").asText();

        HttpResponse<byte[]> pdf = api().getBytes("/v1/templates/" + id + "/preview");

        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Diploma of Sample course")
                    .contains("Awarded to Ada Lovelace").contains("PREVIEW");
        }
        assertThat(jdbc.sql("select count(*) from certificates where template_id = ?").param(id).query(Long.class)
                .single()).isZero();
        assertThat(api().getBytes("/v1/templates/tmpl_nope/preview").statusCode()).isEqualTo(404);
    }

    @Test
    void previewingADraftNeedsTheScopeToManageTemplates() {
        ApiClient reader = keyWith("live", "templates:read");

        assertThat(reader.post("/v1/templates/preview", Map.of("template", template(DESIGN))).status())
                .isEqualTo(403);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
