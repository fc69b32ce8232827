package io.certbridge.issuers.vec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.vec.VaultCertificate;
import io.certbridge.emulator.vec.VecEmulator;
import io.certbridge.support.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.UUID;

/** What the VEC.digital tests share: a template issued through an account, and what an issued certificate shows. */
final class VecVaultChecks {

    private VecVaultChecks() {
    }

    /** A template issuing through {@code issuer}, with a required "course"; its name is VEC.digital's title. */
    static JsonNode template(ApiClient api, String issuer) {
        ApiClient.Response created = api.post("/v1/templates", Map.of(
                "name", "Vault course " + UUID.randomUUID(),
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true)),
                "issuer", issuer));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.body();
    }

    /** Every certificate of the template, through the API's pages. */
    static List<JsonNode> certificates(ApiClient api, String templateId) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = api.get("/v1/certificates?limit=100&template_id=" + templateId
                    + (after == null ? "" : "&starting_after=" + after)).body();
            page.get("data").forEach(all::add);
            after = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
        } while (after != null);
        return all;
    }

    /** How many of the template's certificates have each status. */
    static Map<String, Long> statuses(ApiClient api, String templateId) {
        return certificates(api, templateId).stream().collect(Collectors.groupingBy(c -> c.get("status").asText(),
                TreeMap::new, Collectors.counting()));
    }

    /**
     * The certificate is issued with its vault certificate's uuid and verification address, its PDF is the one
     * VEC.digital stamped, and VEC.digital holds it once.
     */
    static void issuedOnce(ApiClient api, VecEmulator vec, JsonNode certificate, String title) {
        String email = certificate.at("/recipient/email").asText();
        assertThat(certificate.get("status").asText()).as(email).isEqualTo("issued");
        assertThat(vec.timesCreated(email, title)).as(email).isEqualTo(1);
        VaultCertificate vault = vec.certificates().stream()
                .filter(c -> c.applicantEmail().equalsIgnoreCase(email) && c.certificateTitle().equals(title))
                .findFirst().orElseThrow();
        assertThat(certificate.at("/issuer/external_id").asText()).isEqualTo(vault.uuid());
        assertThat(certificate.get("verification_url").asText())
                .isEqualTo(vec.baseUrl() + "/verify/" + vault.referenceId());
        ApiClient.Response pdf = api.get("/v1/certificates/" + certificate.get("id").asText() + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.raw().body()).as("VEC.digital's verified PDF, not the hub's")
                .contains("VEC.digital verified certificate " + vault.referenceId());
    }
}
