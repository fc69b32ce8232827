package io.certbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.ConsoleClient;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing in to the console, what a session is, and what the console refuses. */
class ConsoleSignInTest extends HubTestBase {

    @Autowired
    ConsoleUsers users;

    @Autowired
    SignInThrottle throttle;

    private ConsoleClient admin() {
        ConsoleClient console = new ConsoleClient(port);
        ConsoleClient.Page signedIn = console.signIn(HubTest.CONSOLE_ADMIN, HubTest.CONSOLE_ADMIN_PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).endsWith("/console");
        assertThat(console.get("/console").status()).isEqualTo(200);
        return console;
    }

    @Test
    void theFirstAdminSignsInAndGetsASessionCookieThatScriptsAndOtherSitesCannotUse() {
        ConsoleClient console = new ConsoleClient(port);
        console.get("/console/sign-in");
        ConsoleClient.Page signedIn = console.post("/console/sign-in",
                Map.of("email", HubTest.CONSOLE_ADMIN, "password", HubTest.CONSOLE_ADMIN_PASSWORD));

        String cookie = signedIn.headers("Set-Cookie").stream().filter(c -> c.startsWith("certbridge_console="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("Secure").contains("SameSite=Lax").contains("Path=/console");
        ConsoleClient.Page dashboard = console.get("/console");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Dashboard").contains(HubTest.CONSOLE_ADMIN).contains("Needs attention");
    }

    @Test
    void aWrongPasswordIsRefusedAndRecorded() {
        ConsoleClient console = new ConsoleClient(port);
        ConsoleClient.Page refused = console.signIn(HubTest.CONSOLE_ADMIN, "not the password");

        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("Location")).endsWith("/console/sign-in?failed");
        assertThat(console.get("/console/sign-in?failed").body()).contains("The e-mail or the password is wrong");
        ConsoleClient.Page dashboard = console.get("/console");
        assertThat(dashboard.status()).isEqualTo(302);
        assertThat(dashboard.header("Location")).endsWith("/console/sign-in");
        assertThat(events("path=/console/sign-in&status=401")).isNotEmpty();
    }

    @Test
    void guessingOneUsersPasswordIsStoppedWith429() {
        String email = "guessed-" + UUID.randomUUID() + "@certbridge.test";
        users.create(email, "the real password 1", ConsoleRole.VIEWER);
        ConsoleClient console = new ConsoleClient(port);
        for (int i = 0; i < 5; i++) {
            assertThat(console.signIn(email, "guess " + i).header("Location")).endsWith("?failed");
        }

        ConsoleClient.Page refused = console.signIn(email, "the real password 1");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed sign-ins");
        assertThat(console.get("/console").status()).isEqualTo(302);
        assertThat(events("path=/console/sign-in&status=429")).isNotEmpty();
    }

    /**
     * Through the throttle itself, with documentation addresses as the text of a client address: twenty failures
     * from loopback would lock every other console test of this hub out for the window.
     */
    @Test
    void guessingManyUsersPasswordsFromOneAddressIsStoppedThere() {
        String guesser = "192.0.2.77";
        for (int i = 0; i < 20; i++) {
            String email = "sprayed-" + i + "-" + UUID.randomUUID() + "@certbridge.test";
            assertThat(throttle.admits(email, guesser)).as("attempt " + (i + 1)).isTrue();
            throttle.failed(email, guesser);
        }

        String next = "sprayed-next-" + UUID.randomUUID() + "@certbridge.test";
        assertThat(throttle.admits(next, guesser)).as("a 21st user from the same address").isFalse();
        assertThat(throttle.admits(next, "198.51.100.7")).as("the same user from elsewhere").isTrue();
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        ConsoleClient console = admin();
        String name = "no token " + UUID.randomUUID();

        ConsoleClient.Page refused = console.postWithoutToken("/console/keys",
                Map.of("name", name, "scopes", "certificates:read", "environment", "live"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(console.get("/console/keys").body()).doesNotContain(name);
    }

    @Test
    void aViewerReadsButIsRefusedWhatOnlyAnAdminMayDo() {
        String email = "viewer-" + UUID.randomUUID() + "@certbridge.test";
        users.create(email, "viewer password 1", ConsoleRole.VIEWER);
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.signIn(email, "viewer password 1").status()).isEqualTo(302);

        assertThat(console.get("/console").status()).isEqualTo(200);
        assertThat(console.get("/console").body()).doesNotContain("API keys");
        assertThat(console.get("/console/keys").status()).isEqualTo(403);
        assertThat(console.post("/console/keys", Map.of("name", "by a viewer", "scopes", "certificates:read",
                "environment", "live")).status()).isEqualTo(403);
    }

    @Test
    void signingOutEndsTheSession() {
        ConsoleClient console = admin();

        ConsoleClient.Page signedOut = console.post("/console/sign-out", Map.of());

        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.header("Location")).endsWith("/console/sign-in?signed-out");
        assertThat(console.get("/console").status()).isEqualTo(302);
    }

    @Test
    void aKeyMadeInTheConsoleIsShownOnceAndTheAuditLogNamesTheUser() {
        ConsoleClient console = admin();
        console.get("/console/keys");
        String name = "console key " + UUID.randomUUID();

        ConsoleClient.Page created = console.post("/console/keys", List.of(Map.entry("name", name),
                Map.entry("scopes", "certificates:read"), Map.entry("scopes", "audit:read"),
                Map.entry("environment", "live"), Map.entry("allowedNetworks", "127.0.0.0/8\n::1/128")));

        assertThat(created.status()).isEqualTo(200);
        String secret = created.body().replaceAll("(?s).*id=\"created-secret\">(cb_live_[A-Za-z0-9]+)<.*", "$1");
        assertThat(secret).startsWith("cb_live_");
        ApiClient.Response audit = api().withKey(secret).get("/v1/audit-events?path=/console/keys&method=POST");
        assertThat(audit.status()).isEqualTo(200);
        JsonNode event = audit.body().get("data").get(0);
        assertThat(event.get("actor").get("type").asText()).isEqualTo("console_user");
        assertThat(event.get("actor").get("id").asText())
                .isEqualTo(users.findByEmail(HubTest.CONSOLE_ADMIN).orElseThrow().id());
        assertThat(console.get("/console/keys").body()).contains(name).doesNotContain(secret);
    }

    @Test
    void theApiAndTheProbesGetNoSessionAndNoSignInPage() {
        ApiClient.Response api = anonymous().get("/v1/certificates");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.raw().headers().allValues("Set-Cookie")).isEmpty();
        ApiClient.Response health = anonymous().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(health.header("X-Frame-Options")).isNull();
    }

    private JsonNode events(String query) {
        ApiClient.Response events = api().get("/v1/audit-events?" + query);
        assertThat(events.status()).isEqualTo(200);
        return events.body().get("data");
    }
}
