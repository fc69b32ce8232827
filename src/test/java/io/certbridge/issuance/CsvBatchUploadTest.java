package io.certbridge.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.shared.csv.CsvReader;
import io.certbridge.shared.csv.CsvReader.CsvRecord;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CSV files to batches: per-row checks before issuing, the batch, and its results as CSV. */
class CsvBatchUploadTest extends HubTestBase {

    /**
     * As Excel on a European Windows saves "CSV UTF-8": BOM, ";", a decimal comma, CRLF, quotes around cells with
     * line breaks.
     */
    private static final String EXCEL = "\uFEFFName;E-mail;Course;Grade;Completed on\r\n"
            + "Zoë Çelik;zoe@example.org;\"Statistics; part 1\";88,5;2026-11-01\r\n"
            + "\r\n"
            + "\"Łukasz \"\"Luke\"\" Nowak\";luke@example.org;\"Two\r\nlines\";91;\r\n"
            + "=HYPERLINK(\"http://evil.example\");formula@example.org;Security;70;2026-10-30\r\n";

    private static MultipartForm form(String template, String csv) {
        return new MultipartForm().field("template_id", template)
                .file("file", "learners.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CsvRecord> records(String csv) throws CsvReader.Malformed {
        CsvReader reader = new CsvReader(csv);
        List<CsvRecord> records = new ArrayList<>();
        for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }

    @Test
    void anExcelFileIsPreviewedThenIssuedAndItsResultsListEveryCertificate() throws Exception {
        String template = courseTemplate();

        ApiClient.Response preview = api().post("/v1/batches/csv/preview", form(template, EXCEL));

        assertThat(preview.status()).as(String.valueOf(preview.body())).isEqualTo(200);
        JsonNode body = preview.body();
        assertThat(body.get("columns")).extracting(JsonNode::asText)
                .containsExactly("Name", "E-mail", "Course", "Grade", "Completed on");
        assertThat(body.get("mapping_suggested").asBoolean()).isTrue();
        assertThat(body.get("mapping").toString()).isEqualTo("{\"Name\":\"name\",\"E-mail\":\"email\","
                + "\"Course\":\"field:course\",\"Grade\":\"field:grade\",\"Completed on\":\"field:completed_on\"}");
        assertThat(body.get("valid").asInt()).isEqualTo(3);
        assertThat(body.get("invalid").asInt()).isZero();
        assertThat(body.at("/rows/0/recipient/name").asText()).isEqualTo("Zoë Çelik");
        assertThat(body.at("/rows/0/fields/course").asText()).isEqualTo("Statistics; part 1");
        assertThat(body.at("/rows/0/fields/grade").decimalValue()).isEqualByComparingTo("88.5");
        assertThat(body.at("/rows/1/recipient/name").asText()).isEqualTo("Łukasz \"Luke\" Nowak");
        assertThat(body.at("/rows/1/fields/course").asText()).isEqualTo("Two\nlines");
        assertThat(body.at("/rows/1/line").asInt()).isEqualTo(4);
        assertThat(body.at("/rows/2/line").asInt()).isEqualTo(6);

        ApiClient.Response accepted = api().post("/v1/batches/csv", form(template, EXCEL));
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        assertThat(accepted.body().get("total").asInt()).isEqualTo(3);
        String batchId = accepted.body().get("id").asText();
        JsonNode batch = BatchesTest.awaitFinished(api(), batchId);
        assertThat(batch.get("status").asText()).isEqualTo("completed");

        ApiClient.Response results = api().get("/v1/batches/" + batchId + "/results.csv");
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.contentType()).startsWith("text/csv");
        List<CsvRecord> lines = records(results.raw().body());
        assertThat(lines.getFirst().cells()).containsExactly("row", "line", "name", "email", "status",
                "certificate_id", "verification_url", "error");
        assertThat(lines.subList(1, lines.size())).extracting(r -> r.cells().get(5))
                .containsExactlyElementsOf(() -> batch.get("certificate_ids").valueStream().map(JsonNode::asText)
                        .iterator());
        assertThat(lines.get(2).cells()).startsWith("1", "4", "Łukasz \"Luke\" Nowak", "luke@example.org", "issued");
        assertThat(lines.get(2).cells().get(6)).endsWith("/verify/" + lines.get(2).cells().get(5));
        assertThat(lines.get(3).cells().get(2)).as("a formula is exported as text")
                .isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        assertThat(api().get("/v1/certificates/" + lines.get(3).cells().get(5)).body().at("/recipient/name").asText())
                .isEqualTo("=HYPERLINK(\"http://evil.example\")");
    }

    @Test
    void invalidRowsAreShownPerFieldAndIssuedOnlyWhenSkipped() throws Exception {
        String template = courseTemplate();
        String csv = "learner,address,module,score,valid until\n"
                + "Ada,ada@example.org,Engines,97,2099-01-01\n"
                + "Bob,not-an-address,,x,soon\n"
                + "Cy,cy@example.org,Looms,5,2001-01-01\n";
        String mapping = "{\"learner\": \"name\", \"address\": \"email\", \"module\": \"field:course\","
                + " \"score\": \"field:grade\", \"valid until\": \"expires_at\"}";

        JsonNode preview = api().post("/v1/batches/csv/preview", form(template, csv).field("mapping", mapping)).body();

        assertThat(preview.get("mapping_suggested").asBoolean()).isFalse();
        assertThat(preview.get("valid").asInt()).isEqualTo(1);
        assertThat(preview.get("invalid").asInt()).isEqualTo(2);
        assertThat(preview.at("/rows/0/expires_at").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(preview.at("/rows/1/errors")).extracting(e -> e.get("field").asText() + " " + e.get("code").asText())
                .containsExactlyInAnyOrder("recipient.email invalid", "fields.course required", "fields.grade invalid",
                        "expires_at invalid");
        assertThat(preview.at("/rows/2/errors/0/detail").asText()).contains("future");

        ApiClient.Response refused = api().post("/v1/batches/csv", form(template, csv).field("mapping", mapping));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("code").asText()).isEqualTo("csv_rows_invalid");
        assertThat(refused.body().get("errors")).extracting(e -> e.get("field").asText()).contains("rows[1].recipient.email");

        ApiClient.Response accepted = api().post("/v1/batches/csv",
                form(template, csv).field("mapping", mapping).field("skip_invalid", "true"));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().get("total").asInt()).isEqualTo(1);
        assertThat(accepted.body().get("skipped_lines")).extracting(JsonNode::asInt).containsExactly(3, 4);
        JsonNode batch = BatchesTest.awaitFinished(api(), accepted.body().get("id").asText());
        JsonNode certificate = api().get("/v1/certificates/" + batch.at("/certificate_ids/0").asText()).body();
        assertThat(certificate.get("expires_at").asText()).startsWith("2099-01-01T00:00");
    }

    @Test
    void whatIsWrongWithTheFileOrTheMappingIsRefusedWithACode() {
        String template = courseTemplate();
        StringBuilder tooMany = new StringBuilder("name,email,course\n");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append("Learner ").append(i).append(",l").append(i).append("@example.org,C\n");
        }

        assertThat(api().post("/v1/batches/csv/preview", form(template, tooMany.toString())).body().get("code")
                .asText()).isEqualTo("too_many_recipients");
        assertThat(api().post("/v1/batches/csv/preview", form(template, "name,email\n\"Ada,ada@example.org\n"))
                .body().get("code").asText()).isEqualTo("csv_malformed");
        assertThat(api().post("/v1/batches/csv/preview", form(template, "\uFEFF\r\n\r\n")).body().get("code")
                .asText()).isEqualTo("csv_empty");
        ApiClient.Response badMapping = api().post("/v1/batches/csv/preview", form(template, "who,mail\nA,a@b.org\n")
                .field("mapping", "{\"who\": \"field:nope\", \"gone\": \"email\"}"));
        assertThat(badMapping.status()).isEqualTo(422);
        assertThat(badMapping.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("mapping.who", "mapping.gone", "mapping", "mapping");
        assertThat(api().post("/v1/batches/csv/preview", form("tmpl_nope", EXCEL)).body().get("code").asText())
                .isEqualTo("unknown_template");
    }

    @Test
    void aRetriedUploadIsAcceptedOnce() {
        String template = courseTemplate();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        ApiClient.Response first = api().post("/v1/batches/csv", form(template, EXCEL), key);
        ApiClient.Response again = api().post("/v1/batches/csv", form(template, EXCEL), key);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aJsonBatchsResultsNameTheRecipientsThatFailedToo() throws Exception {
        String batchId = api().post("/v1/certificates/batch", Map.of("template_id", courseTemplate(),
                "recipients", BatchesTest.recipients(3, 1))).body().get("id").asText();
        BatchesTest.awaitFinished(api(), batchId);

        List<CsvRecord> lines = records(api().get("/v1/batches/" + batchId + "/results.csv").raw().body());

        assertThat(lines).hasSize(4);
        assertThat(lines.get(2).cells()).startsWith("1", "", "Learner 1", "no-address", "failed", "");
        assertThat(lines.get(2).cells().get(7)).contains("email").doesNotContain("recipients[1]");
        assertThat(api().get("/v1/batches/batch_nope/results.csv").status()).isEqualTo(404);
    }
}
