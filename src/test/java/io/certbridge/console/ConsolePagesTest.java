package io.certbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ConsoleClient;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's pages as a browser without JavaScript sees them. */
class ConsolePagesTest extends HubTestBase {

    @Autowired
    ConsoleUsers users;

    @Autowired
    JdbcClient jdbc;

    private ConsoleClient signedIn(String email, String password) {
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.signIn(email, password).status()).isEqualTo(302);
        assertThat(console.get("/console").status()).isEqualTo(200);
        return console;
    }

    private ConsoleClient admin() {
        return signedIn(HubTest.CONSOLE_ADMIN, HubTest.CONSOLE_ADMIN_PASSWORD);
    }

    @Test
    void anAdminAddsAnIssuerAndChangingTheirRoleEndsTheirSessionAtOnce() {
        ConsoleClient admin = admin();
        admin.get("/console/users");
        String email = "registrar-" + UUID.randomUUID() + "@example.edu";
        ConsoleClient.Page added = admin.post("/console/users",
                Map.of("email", email, "role", "issuer", "password", "a long first password"));
        assertThat(added.body()).contains("User " + email + " created as issuer.");
        ConsoleClient issuer = signedIn(email, "a long first password");
        assertThat(issuer.get("/console/dead-letters").status()).isEqualTo(200);
        assertThat(sessionsOf(email)).isEqualTo(1);

        String id = users.findByEmail(email).orElseThrow().id();
        assertThat(admin.post("/console/users/" + id + "/role", Map.of("role", "viewer")).status()).isEqualTo(302);

        assertThat(sessionsOf(email)).isZero();
        assertThat(issuer.get("/console/dead-letters").status()).isEqualTo(302);
        assertThat(users.find(id).orElseThrow().role()).isEqualTo(ConsoleRole.VIEWER);
    }

    @Test
    void aDisabledUserCannotSignInAndNoOneDisablesThemself() {
        ConsoleClient admin = admin();
        admin.get("/console/users");
        String email = "leaver-" + UUID.randomUUID() + "@example.edu";
        String id = users.create(email, "leaver password 1", ConsoleRole.VIEWER).id();
        String self = users.findByEmail(HubTest.CONSOLE_ADMIN).orElseThrow().id();

        admin.post("/console/users/" + id + "/disable", Map.of());
        assertThat(admin.get("/console/users").body()).contains(email + " is disabled and signed out.");
        admin.post("/console/users/" + self + "/disable", Map.of());

        assertThat(admin.get("/console/users").body()).contains("You cannot disable yourself.");
        assertThat(users.find(self).orElseThrow().enabled()).isTrue();
        assertThat(new ConsoleClient(port).signIn(email, "leaver password 1").header("Location"))
                .endsWith("/console/sign-in?failed");
    }

    @Test
    void theDashboardLinksAFailedDeliveryToItsDeadLetters() {
        String id = "dlv_dash" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.sql("""
                        insert into deliveries (id, delivery_key, connector, environment, target, status, attempts,
                                                created_at, updated_at)
                        values (?, ?, 'dashboard-test-sink', 'live', '{}'::jsonb, 'failed', 3, now(), now())""")
                .params(id, id).update();
        try {
            String dashboard = admin().get("/console").body();

            assertThat(dashboard).contains("failed deliveries by <span>dashboard-test-sink</span>")
                    .contains("href=\"/console/dead-letters?connector=dashboard-test-sink\"");
        } finally {
            jdbc.sql("delete from deliveries where id = ?").param(id).update();
        }
    }

    @Test
    void whatRecipientsAreCalledIsShownAsTextNeverAsMarkup() {
        String template = courseTemplate();
        String email = "escape-" + UUID.randomUUID().toString().substring(0, 8) + "@example.edu";
        assertThat(api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "<script>alert(1)</script> Mallory", "email", email),
                "fields", Map.of("course", "<img src=x onerror=alert(2)>"))).status()).isEqualTo(201);

        ConsoleClient.Page found = admin().get("/console/certificates?q=" + email);

        assertThat(found.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt; Mallory")
                .doesNotContain("<script>alert(1)");
        String id = found.body().replaceAll("(?s).*href=\"/console/certificates/(cert_[A-Za-z0-9]+)\".*", "$1");
        assertThat(admin().get("/console/certificates/" + id).body())
                .contains("&lt;img src=x onerror=alert(2)&gt;").doesNotContain("<img src=x");
    }

    @Test
    void theAuditLogPageFiltersFailedSignIns() {
        new ConsoleClient(port).signIn("nobody-" + UUID.randomUUID() + "@example.edu", "wrong");

        String page = admin().get("/console/audit?path=/console/sign-in&status=401").body();

        assertThat(page).contains("sign_in_failed").contains("nobody signed in").doesNotContain(">302<");
        assertThat(admin().get("/console/audit?status=often").body()).contains("The status must be a number");
    }

    private int sessionsOf(String email) {
        return jdbc.sql("select count(*) from spring_session where principal_name = ?").param(email)
                .query(Integer.class).single();
    }

    @Test
    void anIssuerSuspendsAndReinstatesACertificateWhichAViewerMayOnlyRead() {
        String template = courseTemplate();
        String id = text(api().post("/v1/certificates", certificate(template, "suspend-" + UUID.randomUUID()
                + "@example.edu")).body(), "id");
        String issuerEmail = "issuer-" + UUID.randomUUID() + "@example.edu";
        users.create(issuerEmail, "issuer password 1", ConsoleRole.ISSUER);
        String viewerEmail = "reader-" + UUID.randomUUID() + "@example.edu";
        users.create(viewerEmail, "viewer password 1", ConsoleRole.VIEWER);
        ConsoleClient viewer = signedIn(viewerEmail, "viewer password 1");
        assertThat(viewer.get("/console/certificates/" + id).body()).doesNotContain("Suspend");
        assertThat(viewer.post("/console/certificates/" + id + "/suspend", Map.of()).status()).isEqualTo(403);
        ConsoleClient issuer = signedIn(issuerEmail, "issuer password 1");
        issuer.get("/console/certificates/" + id);

        issuer.post("/console/certificates/" + id + "/suspend", Map.of());

        assertThat(text(api().get("/v1/certificates/" + id).body(), "status")).isEqualTo("suspended");
        assertThat(issuer.get("/console/certificates/" + id).body()).contains("The certificate is suspended.")
                .contains("Reinstate");
        issuer.post("/console/certificates/" + id + "/reinstate", Map.of());
        assertThat(text(api().get("/v1/certificates/" + id).body(), "status")).isEqualTo("issued");
        issuer.get("/console/certificates/" + id);
        issuer.post("/console/certificates/" + id + "/resend-email", Map.of());
        assertThat(issuer.get("/console/certificates/" + id).body())
                .contains("This certificate has no e-mail to send again.");
    }
}
