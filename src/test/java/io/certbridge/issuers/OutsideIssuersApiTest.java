package io.certbridge.issuers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideIssuers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an institution sees of an outside issuer through the API before the service has answered: templates that
 * name an issuer are checked against the configured accounts, a certificate asked of the service is pending (no
 * credential, no anchor, no address of the hub's), and the accounts are listed without their keys.
 */
class OutsideIssuersApiTest extends HubTestBase {

    @Test
    void aTemplateNamingAnIssuerThatIsNotConfiguredIsRefusedAndToldWhichAreConfigured() {
        ApiClient.Response refused = api().post("/v1/templates", template("registrar-office", null));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode error = refused.body().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("issuer");
        assertThat(error.get("detail").asText()).contains("certbridge.issuers.registrar-office", OutsideIssuers.UNREACHABLE);
    }

    @Test
    void aTrueTemplateNeedsTrueOwnTemplate() {
        ApiClient.Response refused = api().post("/v1/templates", template(OutsideIssuers.UNREACHABLE, null));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("external_template_id");
    }

    @Test
    void aCertificateAskedOfItsIssuerIsPendingWithNothingOfTheHubsOwnAndCannotBeSuspendedYet() {
        ApiClient.Response template = api().post("/v1/templates", template(OutsideIssuers.UNREACHABLE, "tmpl_abc123"));
        assertThat(template.status()).as(template.body().toString()).isEqualTo(201);
        assertThat(template.body().get("issuer").asText()).isEqualTo(OutsideIssuers.UNREACHABLE);
        assertThat(template.body().get("external_template_id").asText()).isEqualTo("tmpl_abc123");

        ApiClient.Response issued = api().post("/v1/certificates",
                certificate(template.body().get("id").asText(), "maria@example.com"));

        assertThat(issued.status()).isEqualTo(201);
        JsonNode certificate = issued.body();
        assertThat(certificate.get("status").asText()).isEqualTo("pending");
        JsonNode issuer = certificate.get("issuer");
        assertThat(issuer.get("name").asText()).isEqualTo(OutsideIssuers.UNREACHABLE);
        assertThat(issuer.get("type").asText()).isEqualTo("true");
        assertThat(issuer.get("external_id").isNull()).isTrue();
        assertThat(issuer.get("forwards_status_changes").asBoolean()).isTrue();
        assertThat(certificate.get("verification_url").isNull()).isTrue();
        assertThat(certificate.get("credential").isNull()).isTrue();
        assertThat(certificate.get("anchor").isNull()).isTrue();
        String id = certificate.get("id").asText();

        ApiClient.Response suspended = api().patch("/v1/certificates/" + id, Map.of("status", "suspended"));
        assertThat(suspended.status()).isEqualTo(409);
        assertThat(suspended.body().get("code").asText()).isEqualTo("certificate_not_issued");
        assertThat(api().get("/v1/certificates?status=pending").body().get("data").findValuesAsText("id"))
                .contains(id);
        assertThat(anonymous().get("/verify/" + id).status()).as("no page before the service issued it").isEqualTo(404);
    }

    @Test
    void theAccountsAreListedWithoutTheirKeys() {
        ApiClient.Response issuers = api().get("/v1/issuers");

        assertThat(issuers.status()).isEqualTo(200);
        JsonNode unreachable = api().get("/v1/issuers/" + OutsideIssuers.UNREACHABLE).body();
        assertThat(unreachable.get("type").asText()).isEqualTo("true");
        assertThat(unreachable.get("batch_size").asInt()).as("TRUE's Standard plan").isEqualTo(100);
        assertThat(unreachable.get("requests_per_minute").asInt()).isEqualTo(60);
        assertThat(unreachable.get("paused").isNull()).isTrue();
        assertThat(issuers.raw().body()).doesNotContain(OutsideIssuers.UNREACHABLE_KEY);
        assertThat(api().get("/v1/issuers/nowhere").status()).isEqualTo(404);
    }

    private static Map<String, Object> template(String issuer, String externalTemplateId) {
        Map<String, Object> template = new java.util.LinkedHashMap<>(Map.of(
                "name", "Issued elsewhere " + UUID.randomUUID(),
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true),
                        Map.of("name", "grade", "type", "number", "required", false),
                        Map.of("name", "completed_on", "type", "date", "required", false)),
                "issuer", issuer));
        if (externalTemplateId != null) {
            template.put("external_template_id", externalTemplateId);
        }
        return template;
    }
}
