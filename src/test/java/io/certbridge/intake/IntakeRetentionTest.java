package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Accepted events, with the learners' data they hold, are forgotten once older than the retention. */
class IntakeRetentionTest extends HubTestBase {

    @Autowired
    IntakeRetention retention;

    @Autowired
    JdbcClient jdbc;

    private String deliver(String learner) {
        String event = LmsPayloads.canvas("canvas-course_completed.json", learner, "retention-" + learner,
                learner + "@example.com").toString();
        assertThat(hooks().post("/hooks/canvas?token=" + OutsideSystems.CANVAS_URL_TOKEN, "application/json", event)
                .status()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode e : api().get("/v1/intake-events?source=canvas&limit=100").body().get("data")) {
                if (e.path("learner_id").asText().equals(learner)) {
                    return e.get("id").asText();
                }
            }
            return null;
        }, id -> id != null);
    }

    @Test
    void eventsOlderThanTheRetentionAreForgottenAndNewerOnesKept() {
        String old = deliver("old-" + UUID.randomUUID());
        String recent = deliver("new-" + UUID.randomUUID());
        jdbc.sql("update intake_events set received_at = now() - interval '91 days' where id = ?").param(old).update();

        retention.purgeExpired();

        assertThat(api().get("/v1/intake-events/" + old).status()).isEqualTo(404);
        assertThat(api().get("/v1/intake-events/" + recent).status()).isEqualTo(200);
    }
}
