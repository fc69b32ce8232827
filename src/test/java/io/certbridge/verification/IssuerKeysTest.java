package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.SigningKey;
import io.certbridge.embedded.EmbeddedPostgresServer;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.RecordedSigningKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A new signing key (from configuration, at the next start) leaves every earlier credential verifiable;
 * a did:key issuer's key is read from its name.
 */
class IssuerKeysTest extends HubTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IssuerIdentity issuer;

    @Autowired
    ObjectProvider<EmbeddedPostgresServer> embeddedDatabase;

    @Test
    void aCredentialOfADidKeyIssuerVerifiesWithoutFetchingAnything() throws Exception {
        JsonNode issued = api().post("/v1/certificates", certificate(courseTemplate(), "key@example.org"))
                .body().get("credential");
        SigningKey key = new SigningKey(new byte[32]);
        String did = "did:key:" + key.multikey();
        JsonObject unsigned = Json.createObjectBuilder(Json.createReader(new StringReader(issued.toString())).readObject())
                .remove("proof").remove("credentialStatus")
                .add("issuer", Json.createObjectBuilder().add("id", did).add("type", Json.createArrayBuilder().add("Profile"))
                        .add("name", "Somebody else"))
                .build();

        JsonNode verified = anonymous().post("/v1/verify",
                DataIntegrityProof.sign(unsigned, key, did + "#" + key.multikey(), Instant.now()).toString()).body();

        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.at("/issuer/this_hub").asBoolean()).isFalse();
    }

    @Test
    void credentialsOfTheOldAndTheNewKeyBothVerify() throws Exception {
        JsonNode before = api().post("/v1/certificates", certificate(courseTemplate(), "old@example.org"))
                .body().get("credential");

        SigningKey newKey = RecordedSigningKey.create(jdbc, embeddedDatabase);
        JsonObject unsigned = Json.createObjectBuilder(Json.createReader(new StringReader(before.toString())).readObject())
                .remove("proof").build();
        JsonObject signedByNewKey = DataIntegrityProof.sign(unsigned, newKey,
                issuer.verificationMethod(newKey.multikey(), false), Instant.now());

        JsonNode verifiedNew = anonymous().post("/v1/verify", signedByNewKey.toString()).body();
        JsonNode verifiedOld = anonymous().post("/v1/verify", before).body();
        assertThat(verifiedNew.get("valid").asBoolean()).as(verifiedNew.toString()).isTrue();
        assertThat(verifiedOld.get("valid").asBoolean()).as(verifiedOld.toString()).isTrue();

        JsonNode did = anonymous().get("/.well-known/did.json").body();
        assertThat(did.get("assertionMethod").toString())
                .contains(before.at("/proof/0/verificationMethod").asText())
                .contains(issuer.verificationMethod(newKey.multikey(), false));
    }
}
