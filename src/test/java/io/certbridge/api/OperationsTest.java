package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsTest extends HubTestBase {

    @Test
    void anyoneHearsWhetherTheHubIsUpLiveAndReadyAndNothingMore() {
        for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            ApiClient.Response health = anonymous().get(probe);

            assertThat(health.status()).as(probe).isEqualTo(200);
            assertStatusOnly(health, probe);
        }
    }

    @Test
    void healthDetailsNeedAKeyThatMayReadMetrics() {
        ApiClient.Response health = keyWith("live", "metrics:read").get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.body().at("/components/kafka/status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/components/kafka/details/brokers").asInt()).isEqualTo(1);
        assertThat(health.body().at("/components/readinessState/status").asText()).isEqualTo("UP");

        ApiClient.Response withoutScope = keyWith("live", "certificates:read").get("/actuator/health");
        assertStatusOnly(withoutScope, "/actuator/health without metrics:read");
    }

    /** UP, and at most the names of the probe groups: no part, no disk path, no cluster id. */
    private static void assertStatusOnly(ApiClient.Response health, String what) {
        assertThat(health.body().get("status").asText()).as(what).isEqualTo("UP");
        assertThat(health.body().properties()).as(what).extracting(Map.Entry::getKey).isSubsetOf("status", "groups");
        assertThat(health.raw().body()).as(what).doesNotContain("details", "components", "clusterId", "path");
    }

    @Test
    void prometheusExposesRequestAndRouteMetricsToAKeyThatMayReadThem() {
        api().get("/v1/certificates");

        String metrics = keyWith("live", "metrics:read").get("/actuator/prometheus").raw().body();

        assertThat(metrics).contains("http_server_requests_seconds_count{");
        assertThat(metrics).contains("uri=\"/v1/certificates\"");
        assertThat(metrics).containsPattern("camel_exchanges_total\\{.*routeId=\"event-publishing\"");
    }

    @Test
    void metricsAndTheOtherEndpointsAreRefusedToAnyoneElse() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator", "/actuator/info", "/actuator/health/db"}) {
            ApiClient.Response anonymous = anonymous().get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).as(path).startsWith("application/problem+json");
            assertThat(anonymous.body().get("code").asText()).as(path).isEqualTo("missing_api_key");

            ApiClient.Response unknownKey = api().withKey("cb_live_notAKeyThisHubKnows00000000").get(path);
            assertThat(unknownKey.status()).as(path).isEqualTo(401);
            assertThat(unknownKey.body().get("code").asText()).as(path).isEqualTo("invalid_api_key");

            ApiClient.Response withoutScope = keyWith("live", "certificates:read", "webhooks:manage").get(path);
            assertThat(withoutScope.status()).as(path).isEqualTo(403);
            assertThat(withoutScope.body().get("code").asText()).as(path).isEqualTo("insufficient_scope");
            assertThat(withoutScope.raw().body()).as(path).doesNotContain("jvm_").doesNotContain("clusterId");
        }
    }
}
