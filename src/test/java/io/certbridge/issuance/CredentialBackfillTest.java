package io.certbridge.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.HubTestBase;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Certificates issued before credentials existed get theirs, and their verification links work. */
class CredentialBackfillTest extends HubTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CredentialBackfill backfill;

    @Test
    void aCertificateWithoutCredentialIsSignedAndVerifies() {
        String id = "cert_issuedBeforeCredentials" + System.nanoTime();
        jdbc.sql("""
                        insert into certificates (id, environment, template_id, recipient_name, recipient_email, fields,
                                                  status, issued_at, updated_at)
                        values (?, 'live', ?, 'Grace Hopper', 'grace@example.org',
                                '{"course": "Compilers"}'::jsonb, 'revoked', ?, ?)""")
                .params(id, courseTemplate(), Timestamp.from(Instant.parse("2026-01-15T10:00:00Z")),
                        Timestamp.from(Instant.now()))
                .update();
        assertThat(anonymous().get("/v1/verify/" + id).status()).isEqualTo(404);

        assertThat(backfill.signMissing()).isGreaterThanOrEqualTo(1);

        JsonNode verified = anonymous().get("/v1/verify/" + id).body();
        assertThat(verified.at("/credential/validFrom").asText()).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(verified.at("/credential/credentialSubject/fields/course").asText()).isEqualTo("Compilers");
        assertThat(verified.at("/checks/2/name").asText()).isEqualTo("proof");
        assertThat(verified.at("/checks/2/passed").asBoolean()).isTrue();
        assertThat(verified.get("status").asText()).isEqualTo("revoked");
        assertThat(backfill.signMissing()).isZero();
    }
}
