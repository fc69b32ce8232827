package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.FreePort;
import io.certbridge.support.HubProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub watched from the moment it starts, as a load balancer and a first client would: every API call it
 * serves finds the bootstrap key, and it says it is ready only once its start-up flows (here the mail routes)
 * run. Its management port of its own shows every caller the details. Started with a wrong setting, it refuses
 * to start and names the setting.
 */
class StartupTest {

    @TempDir
    Path work;

    @Test
    void answersNoCallBeforeItCanAndIsReadyOnlyOnceEverythingHasStarted() throws Exception {
        int managementPort = FreePort.pick();
        int nobody = FreePort.closed();
        try (HubProcess hub = HubProcess.launch(work.resolve("data"), work.resolve("hub.log"),
                "management.server.port=" + managementPort,
                "certbridge.mail.smtp.protocol=smtp", "certbridge.mail.smtp.host=127.0.0.1",
                "certbridge.mail.smtp.port=" + nobody, "certbridge.mail.smtp.from=hub@university.test",
                "certbridge.mail.inbox.protocol=imap", "certbridge.mail.inbox.host=127.0.0.1",
                "certbridge.mail.inbox.port=" + nobody, "certbridge.mail.senders[0].address=registrar@university.test",
                "certbridge.mail.senders[0].secret=startup-test-secret")) {
            ApiClient management = new ApiClient("http://127.0.0.1:" + managementPort, null);
            List<Integer> apiAnswers = new ArrayList<>();
            List<String> healthWhileNotReady = new ArrayList<>();
            String routesWhenReady = null;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (routesWhenReady == null && System.nanoTime() < deadline) {
                assertThat(hub.isAlive()).as("the hub is running").isTrue();
                Integer api = statusOf(() -> hub.api().get("/v1/api-keys"));
                if (api != null) {
                    apiAnswers.add(api);
                }
                Integer readiness = statusOf(() -> management.get("/actuator/health/readiness"));
                if (readiness != null && readiness == 200) {
                    routesWhenReady = management.get("/actuator/prometheus").raw().body();
                } else if (readiness != null) {
                    healthWhileNotReady.add(management.get("/actuator/health").body().get("status").asText());
                }
                Thread.sleep(10);
            }

            assertThat(routesWhenReady).as("ready within two minutes").isNotNull();
            assertThat(apiAnswers).as("what the API answered the bootstrap key while starting").containsOnly(200);
            assertThat(healthWhileNotReady).as("the health while not ready").doesNotContain("UP");
            assertThat(routesWhenReady).as("the routes when it said it was ready")
                    .contains("routeId=\"mail-intake\"", "routeId=\"mail-intake-replies\"", "routeId=\"fan-out\"",
                            "routeId=\"delivery\"");

            ApiClient.Response health = management.get("/actuator/health");
            assertThat(health.body().at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(health.body().at("/components/readinessState/status").asText()).isEqualTo("UP");
            assertThat(hub.api().withKey(null).get("/actuator/health").status())
                    .as("the public port has no actuator beside a management port").isEqualTo(404);
        }
    }

    @Test
    void refusesToStartWithANegativeRateLimitAndNamesTheSetting() throws Exception {
        assertThat(refusal("certbridge.api.rate-limit-per-minute=-5"))
                .contains("certbridge.api.rate-limit-per-minute", "must be greater than 0");
    }

    @Test
    void refusesToStartWithAPublicBaseUrlThatIsNoAddressAndNamesTheSetting() throws Exception {
        assertThat(refusal("certbridge.public-base-url=certificates.example.edu"))
                .contains("certbridge.public-base-url", "must be an http or https address");
    }

    @Test
    void refusesToStartWithAnIssuerOfAnUnknownTypeAndSaysWhichTypesThereAre() throws Exception {
        assertThat(refusal("certbridge.issuers.registrar.type=truu", "certbridge.issuers.registrar.base-url=https://127.0.0.1:9",
                "certbridge.issuers.registrar.api-key=k"))
                .contains("certbridge.issuers.registrar.type must be one of true, swanshare, vec-vault, not truu");
    }

    @Test
    void refusesToStartWithAnIssuerWithoutItsKeyAndNamesTheVariableThatHoldsIt() throws Exception {
        assertThat(refusal("certbridge.issuers.swanhr.type=swanshare",
                "certbridge.issuers.swanhr.base-url=https://127.0.0.1:9/api"))
                .contains("certbridge.issuers.swanhr.api-key is missing (set CERTBRIDGE_ISSUERS_SWANHR_APIKEY)");
    }

    /** What the hub said before it stopped on its own, started with {@code properties}. */
    private String refusal(String... properties) throws Exception {
        Path log = work.resolve("refused.log");
        try (HubProcess hub = HubProcess.launch(work.resolve("data"), log, properties)) {
            OptionalInt exit = hub.awaitExit(Duration.ofSeconds(120));
            assertThat(exit).as("the hub stopped on its own").isPresent();
            assertThat(exit.getAsInt()).as("its exit code").isNotZero();
        }
        String said = Files.readString(log);
        assertThat(said).contains("APPLICATION FAILED TO START");
        return said;
    }

    private static Integer statusOf(Supplier<ApiClient.Response> call) {
        try {
            return call.get().status();
        } catch (RuntimeException notListening) {
            return null;
        }
    }
}
