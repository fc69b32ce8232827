package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.SigningKey;
import io.certbridge.credential.XsdDateTime;
import io.certbridge.embedded.EmbeddedPostgresServer;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.RecordedSigningKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retiring a compromised signing key: what the hub signed with it before the retirement stays valid, what it signed
 * from then on verifies invalid with the reason, a signature dated before it counts only when the hub recorded it
 * (a stolen key can backdate), and the DID document marks the key revoked. The hub's own live key: LiveKeyRetirementTest;
 * rotation: IssuerKeysTest.
 */
class KeyRetirementTest extends HubTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IssuerIdentity issuer;

    @Autowired
    ObjectProvider<EmbeddedPostgresServer> embeddedDatabase;

    @Test
    void aStolenKeysBackdatedSignatureDoesNotCountAndAnEarlierRetirementStands() {
        JsonNode issued = api().post("/v1/certificates", certificate(courseTemplate(), "stolen@example.org"))
                .body().get("credential");
        JsonObject unsigned = Json.createObjectBuilder(Json.createReader(new StringReader(issued.toString())).readObject())
                .remove("proof").build();
        SigningKey stolen = RecordedSigningKey.create(jdbc, embeddedDatabase);
        String backdated = sign(unsigned, stolen, Instant.now().minus(Duration.ofDays(30)));
        assertThat(anonymous().post("/v1/verify", backdated).body().get("valid").asBoolean()).isTrue();

        ApiClient keys = keyWith("live", "keys:manage");
        Instant firstReport = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(keys.post("/v1/signing-keys/" + stolen.multikey() + "/retire",
                Map.of("reason", "leaked", "retired_at", firstReport.toString())).status()).isEqualTo(200);
        JsonNode later = keys.post("/v1/signing-keys/" + stolen.multikey() + "/retire",
                Map.of("reason", "reported again")).body();
        assertThat(later.get("retired_at").asText()).isEqualTo(firstReport.toString());
        assertThat(later.get("reason").asText()).isEqualTo("leaked");

        JsonNode forged = anonymous().post("/v1/verify", backdated).body();
        assertThat(forged.get("valid").asBoolean()).isFalse();
        assertThat(check(forged, "key_retirement").get("detail").asText()).contains("no record of issuing");
        JsonNode afterwards = anonymous().post("/v1/verify", sign(unsigned, stolen, Instant.now())).body();
        assertThat(afterwards.get("valid").asBoolean()).isFalse();
        assertThat(check(afterwards, "key_retirement").get("detail").asText()).contains("leaked", "after that");
        assertThat(didMethod(stolen.multikey()).get("revoked").asText()).isEqualTo(XsdDateTime.of(firstReport));
    }

    @Test
    void retiringNeedsKeysManageAReasonAKnownKeyAndNoFutureMoment() {
        SigningKey key = RecordedSigningKey.create(jdbc, embeddedDatabase);
        String path = "/v1/signing-keys/" + key.multikey() + "/retire";
        assertThat(keyWith("live", "certificates:write").post(path, Map.of("reason", "x")).status()).isEqualTo(403);
        ApiClient keys = keyWith("live", "keys:manage");
        assertThat(keys.post(path, Map.of("reason", " ")).status()).isEqualTo(422);
        assertThat(keys.post(path, Map.of("reason", "x", "retired_at", Instant.now().plus(Duration.ofDays(1)).toString()))
                .status()).isEqualTo(422);
        assertThat(keys.post("/v1/signing-keys/z6MkUnknown/retire", Map.of("reason", "x")).status()).isEqualTo(404);
        assertThat(didMethod(key.multikey()).has("revoked")).isFalse();
    }

    private String sign(JsonObject unsigned, SigningKey key, Instant created) {
        try {
            return DataIntegrityProof.sign(unsigned, key, issuer.verificationMethod(key.multikey(), false), created)
                    .toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode didMethod(String multikey) {
        JsonNode did = anonymous().get("/.well-known/did.json").body();
        for (JsonNode method : did.get("verificationMethod")) {
            if (method.get("publicKeyMultibase").asText().equals(multikey)) {
                return method;
            }
        }
        throw new AssertionError("no verification method " + multikey + " in " + did);
    }

    private static JsonNode check(JsonNode verification, String name) {
        for (JsonNode check : verification.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + verification);
    }
}
