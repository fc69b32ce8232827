package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import org.junit.jupiter.api.Test;

class OperationsTest extends HubTestBase {

    @Test
    void healthCoversTheDatabaseAndKafka() {
        ApiClient.Response health = anonymous().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.body().at("/components/kafka/status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/components/kafka/details/brokers").asInt()).isEqualTo(1);
    }

    @Test
    void prometheusExposesRequestAndRouteMetrics() {
        api().get("/v1/certificates");

        String metrics = anonymous().get("/actuator/prometheus").raw().body();

        assertThat(metrics).contains("http_server_requests_seconds_count{");
        assertThat(metrics).contains("uri=\"/v1/certificates\"");
        assertThat(metrics).containsPattern("camel_exchanges_total\\{.*routeId=\"event-publishing\"");
    }
}
