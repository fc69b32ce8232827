package io.certbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ConsoleClient;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The template, rule, issuing, CSV and batch pages over HTTP: who may do what, CSRF, and errors shown beside the
 * fields they are about.
 */
class ConsoleIssuingPagesTest extends HubTestBase {

    @Autowired
    ConsoleUsers users;

    @Autowired
    JdbcClient jdbc;

    private ConsoleClient signedIn(ConsoleRole role) {
        String email = role.value() + "-" + UUID.randomUUID() + "@example.edu";
        users.create(email, "a long enough password", role);
        return signedIn(email, "a long enough password");
    }

    private ConsoleClient signedIn(String email, String password) {
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.signIn(email, password).status()).isEqualTo(302);
        assertThat(console.get("/console").status()).isEqualTo(200);
        return console;
    }

    private ConsoleClient admin() {
        return signedIn(HubTest.CONSOLE_ADMIN, HubTest.CONSOLE_ADMIN_PASSWORD);
    }

    private int templates() {
        return jdbc.sql("select count(*) from templates").query(Integer.class).single();
    }

    @Test
    void aViewerReadsTemplatesRulesAndBatchesButCannotIssueOrChangeThem() {
        String template = courseTemplate();
        ConsoleClient viewer = signedIn(ConsoleRole.VIEWER);

        assertThat(viewer.get("/console/templates").body()).contains("Templates").doesNotContain(">New template<");
        assertThat(viewer.get("/console/templates/" + template).status()).isEqualTo(200);
        assertThat(viewer.get("/console/rules").status()).isEqualTo(200);
        assertThat(viewer.get("/console/batches").status()).isEqualTo(200);
        assertThat(viewer.get("/console").body()).doesNotContain("href=\"/console/issue\"")
                .doesNotContain("href=\"/console/csv\"");
        assertThat(viewer.get("/console/issue").status()).isEqualTo(403);
        assertThat(viewer.get("/console/csv").status()).isEqualTo(403);
        assertThat(viewer.get("/console/templates/new").status()).isEqualTo(403);
        assertThat(viewer.get("/console/rules/new").status()).isEqualTo(403);
        int before = templates();
        viewer.get("/console/templates");
        assertThat(viewer.post("/console/templates", Map.of("name", "Viewer's template")).status()).isEqualTo(403);
        assertThat(templates()).isEqualTo(before);
    }

    @Test
    void anIssuerIssuesButOnlyAnAdminChangesTemplatesAndRules() {
        ConsoleClient issuer = signedIn(ConsoleRole.ISSUER);

        assertThat(issuer.get("/console/issue").status()).isEqualTo(200);
        assertThat(issuer.get("/console/csv").status()).isEqualTo(200);
        assertThat(issuer.post("/console/templates", Map.of("name", "Issuer's template")).status()).isEqualTo(403);
        assertThat(issuer.post("/console/templates/preview", Map.of("name", "Issuer's template")).status())
                .isEqualTo(403);
        assertThat(issuer.post("/console/rules", Map.of("definition", "{}")).status()).isEqualTo(403);
        assertThat(issuer.post("/console/rules/dry-run", Map.of("definition", "{}")).status()).isEqualTo(403);
    }

    @Test
    void theFormsRefuseAPostWithoutTheCsrfToken() {
        String template = courseTemplate();
        ConsoleClient admin = admin();
        admin.get("/console/issue?template=" + template);
        int before = templates();

        for (String path : new String[] {"/console/issue", "/console/templates", "/console/templates/preview",
                "/console/rules", "/console/rules/dry-run", "/console/csv/preview", "/console/csv/submit"}) {
            assertThat(admin.postWithoutToken(path, Map.of("template", template, "name", "No token",
                    "email", "no.token@example.edu", "definition", "{}")).status()).as(path).isEqualTo(403);
        }
        assertThat(templates()).isEqualTo(before);
        assertThat(api().get("/v1/certificates?recipient_email=no.token@example.edu").body().get("data")).isEmpty();
    }

    @Test
    void anIssuedCertificateIsRefusedWithEachErrorBesideItsFieldAndTheValuesKept() {
        String template = courseTemplate();
        ConsoleClient issuer = signedIn(ConsoleRole.ISSUER);
        issuer.get("/console/issue?template=" + template);

        ConsoleClient.Page refused = issuer.post("/console/issue", Map.of("template", template,
                "name", "<b>Ada</b>", "email", "not an address", "field.grade", "ninety", "expiresAt", "2020-01-01"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"email-error\"").contains("id=\"field-course-error\"")
                .contains("id=\"field-grade-error\"").contains("value=\"&lt;b&gt;Ada&lt;/b&gt;\"")
                .doesNotContain("<b>Ada</b>");
        String email = "form-" + UUID.randomUUID() + "@example.edu";
        ConsoleClient.Page issued = issuer.post("/console/issue", Map.of("template", template, "name", "Ada",
                "email", email, "field.course", "Analytical Engines", "expiresAt", "2099-12-31"));
        assertThat(issued.status()).isEqualTo(302);
        assertThat(issued.header("Location")).contains("/console/certificates/cert_");
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().at("/data/0/expires_at").asText())
                .startsWith("2100-01-01T00:00");
    }

    @Test
    void aTemplateEditedIsANewTemplateAndTheOldOneStaysAsItWas() {
        String template = courseTemplate();
        ConsoleClient admin = admin();
        assertThat(admin.get("/console/templates/new?from=" + template).body())
                .contains("name=\"base\" value=\"" + template + "\"").contains("value=\"completed_on\"");

        ConsoleClient.Page refused = admin.post("/console/templates", Map.of("base", template, "name", " ",
                "fields[0].name", "course", "fields[0].type", "string", "fields[1].name", "course",
                "fields[1].type", "string", "validForDays", "a year"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"name-error\"").contains("id=\"days-error\"")
                .contains("is used by another field");

        ConsoleClient.Page created = admin.post("/console/templates", Map.of("base", template,
                "name", "Course completion, second edition", "fields[0].name", "course", "fields[0].type", "string",
                "fields[0].required", "true", "fields[2].name", "hours", "fields[2].type", "number",
                "validForDays", "730"));
        assertThat(created.status()).isEqualTo(302);
        String id = created.header("Location").replaceAll(".*/console/templates/", "");
        assertThat(id).isNotEqualTo(template);
        var edited = api().get("/v1/templates/" + id).body();
        assertThat(edited.get("valid_for_days").asInt()).isEqualTo(730);
        assertThat(edited.get("fields").findValuesAsText("name")).containsExactly("course", "hours");
        assertThat(api().get("/v1/templates/" + template).body().get("fields").findValuesAsText("name"))
                .containsExactly("course", "grade", "completed_on");
        assertThat(admin.post("/console/templates/preview", Map.of("name", "Previewed")).body())
                .contains("src=\"data:image/png;base64,");
        ConsoleClient.Page pdf = admin.post("/console/templates/preview.pdf", Map.of("name", "Previewed"));
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF");
        ConsoleClient.Page noPdf = admin.post("/console/templates/preview.pdf", Map.of("name", "Previewed",
                "design", "<div><p>unclosed</div>"));
        assertThat(noPdf.status()).isEqualTo(422);
        assertThat(noPdf.body()).startsWith("No preview: the template has errors.").contains("design");
    }

    @Test
    void aRuleThatIsNotJsonOrNamesAnUnknownTemplateIsRefusedSayingWhere() {
        ConsoleClient admin = admin();
        admin.get("/console/rules/new");

        ConsoleClient.Page notJson = admin.post("/console/rules", Map.of("definition", "{\n  \"name\": \"x\",\n}"));
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.body()).contains("<code>rule</code>").contains("is not JSON (line 3");

        ConsoleClient.Page unknown = admin.post("/console/rules", Map.of("definition",
                "{\"name\": \"Unknown\", \"source\": \"canvas\", \"event_type\": \"course_completed\","
                        + " \"template_id\": \"tmpl_nope\"}"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("<code>template_id</code> <span>is not a known template</span>")
                .contains("tmpl_nope");

        ConsoleClient.Page noEvent = admin.post("/console/rules/dry-run", Map.of("definition",
                "{\"name\": \"Recorded\", \"source\": \"canvas\", \"event_type\": \"course_completed\", \"template_id\": \""
                        + courseTemplate() + "\"}", "from", "recorded", "intakeEventId", ""));
        assertThat(noEvent.body()).contains("<code>intake_event_id</code>").contains("choose a recorded event")
                .doesNotContain("id=\"dry-run-certificate\"");
    }
}
