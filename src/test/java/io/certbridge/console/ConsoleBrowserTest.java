package io.certbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.ConsoleBrowser;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console in Chromium, as a registrar uses it: each page is checked with axe-core (no serious or critical
 * violation) and saved as target/console-screenshots/<page>.png.
 */
class ConsoleBrowserTest extends HubTestBase {

    private static ConsoleBrowser console;

    @Autowired
    JdbcClient jdbc;

    private ConsoleBrowser console() {
        if (console == null) {
            console = new ConsoleBrowser(port);
        }
        return console;
    }

    private WebDriver driver() {
        return console().driver();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void signingInLeadsToTheDashboard() {
        String template = courseTemplate();
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/v1/certificates", certificate(template, "dash-" + i + "@example.edu")).status())
                    .isEqualTo(201);
        }
        driver().manage().deleteAllCookies();
        console().open("/console");
        assertThat(driver().getCurrentUrl()).endsWith("/console/sign-in");
        console().review("sign-in");

        console().signInAsAdmin();

        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        assertThat(driver().findElements(By.cssSelector(".chart svg"))).hasSize(4);
        console().review("dashboard");
    }

    @Test
    void aKeyIsCreatedWithTheKeyboardAndShownOnce() {
        console().signInAsAdmin();
        console().open("/console/keys");
        String name = "LMS production " + UUID.randomUUID().toString().substring(0, 8);

        driver().findElement(By.id("key-name")).sendKeys(name);
        driver().findElement(By.cssSelector("input[name=scopes][value='certificates:read']")).sendKeys(Keys.SPACE);
        driver().findElement(By.cssSelector("input[name=scopes][value='certificates:write']")).sendKeys(Keys.SPACE);
        driver().findElement(By.id("key-networks")).sendKeys("127.0.0.0/8");
        driver().findElement(By.id("key-networks")).sendKeys(Keys.TAB, Keys.ENTER);

        WebElement secret = new WebDriverWait(driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("created-secret")));
        String key = secret.getText();
        assertThat(key).startsWith("cb_live_");
        console().review("keys");
        ApiClient.Response withIt = api().withKey(key).get("/v1/certificates?limit=1");
        assertThat(withIt.status()).isEqualTo(200);

        console().open("/console/keys");
        assertThat(driver().getPageSource()).contains(name).doesNotContain(key);
    }

    @Test
    void aCertificateIsFoundByPartOfItsAddressAndRevoked() {
        String template = courseTemplate();
        String email = "revoke-" + UUID.randomUUID().toString().substring(0, 8) + "@example.edu";
        String id = text(api().post("/v1/certificates", certificate(template, email)).body(), "id");
        console().signInAsAdmin();
        console().open("/console/certificates");

        driver().findElement(By.id("q")).sendKeys(email.substring(0, 15));
        WebDriverWait wait = new WebDriverWait(driver(), Duration.ofSeconds(10));
        wait.until(ExpectedConditions.urlContains("q=revoke-"));
        assertThat(driver().findElements(By.cssSelector("#results tbody tr"))).hasSize(1);
        assertThat(driver().findElement(By.id("results")).getText()).contains(email);
        console().review("certificates");
        driver().findElement(By.linkText("Ada Lovelace")).click();
        wait.until(ExpectedConditions.titleContains("Certificate of"));
        console().review("certificate");
        driver().findElement(By.id("reason")).sendKeys("Issued to the wrong course");
        driver().findElement(By.id("revoke")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        wait.until(ExpectedConditions.textToBe(By.id("status"), "revoked"));
        assertThat(driver().findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("The certificate is revoked.");
        ApiClient.Response revoked = api().get("/v1/certificates/" + id);
        assertThat(text(revoked.body(), "status")).isEqualTo("revoked");
        assertThat(text(revoked.body(), "revocation_reason")).isEqualTo("Issued to the wrong course");
    }

    @Test
    void aFailedDeliveryIsRetriedFromTheDeadLetters() {
        String id = "dlv_console" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // a delivery of a connector the hub does not run, so that once sent again it waits, untouched, to be seen
        jdbc.sql("""
                        insert into deliveries (id, delivery_key, connector, environment, target, status, attempts,
                                                last_error, created_at, updated_at)
                        values (?, ?, 'console-test-sink', 'live', '{}'::jsonb, 'failed', 7,
                                'HTTP 503 from the LMS', now(), now())""")
                .params(id, id).update();
        try {
            console().signInAsAdmin();
            driver().findElement(By.linkText("Dead letters")).click();
            WebElement row = driver().findElement(By.id("delivery-" + id));
            assertThat(row.getText()).contains("console-test-sink").contains("HTTP 503 from the LMS");
            console().review("dead-letters");

            row.findElement(By.tagName("button")).sendKeys(Keys.ENTER);

            new WebDriverWait(driver(), Duration.ofSeconds(10)).until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("delivery-" + id), "Sent again."));
            assertThat(jdbc.sql("select status from deliveries where id = ?").param(id).query(String.class).single())
                    .isEqualTo("pending");
            assertThat(driver().findElement(By.id("delivery-" + id)).findElements(By.tagName("button"))).isEmpty();
            // the outcome takes the focus the vanished button had, once htmx has settled the new row
            new WebDriverWait(driver(), Duration.ofSeconds(5)).until(d -> "Sent again."
                    .equals(d.switchTo().activeElement().getText()));
        } finally {
            jdbc.sql("delete from deliveries where id = ?").param(id).update();
        }
    }

    @Test
    void theOtherPagesPassTheAccessibilityCheck() {
        console().signInAsAdmin();
        for (String page : new String[] {"audit", "users", "webhooks"}) {
            console().open("/console/" + page);
            assertThat(driver().findElement(By.tagName("h1")).isDisplayed()).isTrue();
            console().review(page);
        }
    }

    @Test
    void aUserSignsInThroughTheSchoolsProviderAndSomeoneWhoIsNoUserIsTurnedAway() {
        driver().manage().deleteAllCookies();
        OutsideSystems.oidc().signIn("stranger@example.edu");
        console().open("/console/sign-in");
        driver().findElement(By.id("sso")).click();
        WebDriverWait wait = new WebDriverWait(driver(), Duration.ofSeconds(10));
        wait.until(ExpectedConditions.urlContains("/console/sign-in?failed"));
        assertThat(driver().findElement(By.cssSelector("[role=alert]")).getText()).contains("single sign-on");

        OutsideSystems.oidc().signIn(HubTest.CONSOLE_ADMIN);
        driver().findElement(By.id("sso")).click();

        wait.until(ExpectedConditions.titleContains("Dashboard"));
        assertThat(driver().findElement(By.cssSelector("form.who")).getText()).contains(HubTest.CONSOLE_ADMIN);
        console().open("/console/keys");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("API keys");
    }
}
