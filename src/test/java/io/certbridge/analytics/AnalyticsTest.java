package io.certbridge.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Views of the verification page, clicks on "Add to LinkedIn profile" (shares) and verifications through the API,
 * counted into a certificate's analytics, each event once even when Kafka delivers it again, and into the counts per
 * day, week or month, as JSON and as CSV.
 */
class AnalyticsTest extends HubTestBase {

    @Autowired
    EngagementCounts counts;

    @Autowired
    CamelContext camel;

    private String issue(String template, String email) {
        ApiClient.Response created = api().post("/v1/certificates", certificate(template, email));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private void view(String id) {
        assertThat(anonymous().get("/verify/" + id).status()).isEqualTo(200);
    }

    private void share(String id) {
        assertThat(anonymous().get("/verify/" + id + "/linkedin").status()).isEqualTo(302);
    }

    private void verify(String id) {
        assertThat(anonymous().get("/v1/verify/" + id).status()).isEqualTo(200);
    }

    private JsonNode analyticsOf(String id) {
        return api().get("/v1/certificates/" + id).body().get("analytics");
    }

    @Test
    void aCertificateCarriesHowOftenItWasViewedSharedAndVerified() throws Exception {
        String id = issue(courseTemplate(), "counted@learners.test");
        JsonNode none = analyticsOf(id);
        assertThat(none.get("views").asLong()).isZero();
        assertThat(none.get("last_viewed_at").isNull()).isTrue();
        Instant before = Instant.now();

        view(id);
        view(id);
        share(id);
        verify(id);
        verify(id);
        verify(id);

        JsonNode counted = await().atMost(Duration.ofSeconds(30)).until(() -> analyticsOf(id),
                a -> a.get("views").asLong() == 2 && a.get("shares").asLong() == 1
                        && a.get("verifications").asLong() == 3);
        assertThat(Instant.parse(counted.get("last_viewed_at").asText())).isAfterOrEqualTo(before);
        assertThat(Instant.parse(counted.get("last_verified_at").asText())).isAfterOrEqualTo(before);
        Thread.sleep(1_000);
        assertThat(analyticsOf(id)).as("each event counted once").isEqualTo(counted);
    }

    @Test
    void anEventHeardAgainIsNotCountedAgain() throws Exception {
        String id = issue(courseTemplate(), "redelivered@learners.test");
        String event = ApiClient.json().writeValueAsString(Map.of("id", "evt_" + UUID.randomUUID(),
                "type", "certificate.viewed", "timestamp", Instant.now().toString(),
                "data", Map.of("certificate_id", id, "channel", "page", "status", "valid")));
        Exchange record = new DefaultExchange(camel);
        record.getMessage().setBody(event);

        counts.count(List.of(record, record));
        counts.count(List.of(record));

        assertThat(analyticsOf(id).get("views").asLong()).isEqualTo(1);
    }

    @Test
    void theCountsPerDayAreGivenAsJsonAndAsCsv() {
        String template = courseTemplate();
        String first = issue(template, "first@learners.test");
        String second = issue(template, "second@learners.test");
        view(first);
        view(second);
        view(second);
        share(second);
        verify(first);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String query = "/v1/analytics?template_id=" + template + "&from=" + today.minusDays(2) + "&to=" + today;

        JsonNode analytics = await().atMost(Duration.ofSeconds(30)).until(() -> api().get(query).body(),
                a -> a.at("/data/2/viewed").asLong() == 3 && a.at("/data/2/shared").asLong() == 1
                        && a.at("/data/2/verified").asLong() == 1);

        assertThat(analytics.get("interval").asText()).isEqualTo("day");
        assertThat(analytics.get("data")).hasSize(3);
        assertThat(analytics.at("/data/0/start").asText()).isEqualTo(today.minusDays(2).toString());
        assertThat(analytics.at("/data/0/issued").asLong()).isZero();
        assertThat(analytics.at("/data/2/start").asText()).isEqualTo(today.toString());
        assertThat(analytics.at("/data/2/issued").asLong()).isEqualTo(2);

        String csv = "start,issued,viewed,shared,verified\r\n"
                + today.minusDays(2) + ",0,0,0,0\r\n" + today.minusDays(1) + ",0,0,0,0\r\n" + today + ",2,3,1,1\r\n";
        ApiClient.Response asked = api().send("GET", query, null, Map.of("Accept", "text/csv"));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.contentType()).startsWith("text/csv");
        assertThat(asked.raw().body()).isEqualTo(csv);
        assertThat(asked.header("Content-Disposition")).contains("attachment", ".csv");
        assertThat(api().get(query + "&format=csv").raw().body()).isEqualTo(csv);

        JsonNode weekly = api().get(query.replace("from=" + today.minusDays(2), "from=" + today)
                + "&interval=week").body();
        assertThat(weekly.get("data")).hasSize(1);
        assertThat(LocalDate.parse(weekly.at("/data/0/start").asText()).getDayOfWeek().getValue()).isEqualTo(1);
        assertThat(weekly.at("/data/0/viewed").asLong()).isEqualTo(3);
    }

    @Test
    void analyticsAreOfTheCallersEnvironmentNeedTheReadScopeAndRefuseBadRanges() {
        String template = courseTemplate();
        issue(template, "live@learners.test");
        String query = "/v1/analytics?template_id=" + template + "&from=" + LocalDate.now(ZoneOffset.UTC);

        assertThat(api().get(query).body().at("/data/0/issued").asLong()).isEqualTo(1);
        assertThat(keyWith("test", "certificates:read").get(query).body().at("/data/0/issued").asLong()).isZero();
        assertThat(keyWith("live", "templates:read").get(query).status()).isEqualTo(403);
        ApiClient.Response hourly = api().get(query + "&interval=hour");
        assertThat(hourly.status()).isEqualTo(400);
        assertThat(hourly.body().get("code").asText()).isEqualTo("invalid_parameter");
        ApiClient.Response backwards = api().get("/v1/analytics?from=2026-12-02&to=2026-12-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().at("/errors/0/field").asText()).isEqualTo("from");
        assertThat(api().get("/v1/analytics?from=2020-01-01&to=2026-01-01").status()).isEqualTo(400);
        assertThat(api().get("/v1/analytics?from=yesterday").status()).isEqualTo(400);
    }
}
