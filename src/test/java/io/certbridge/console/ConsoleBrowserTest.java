package io.certbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.Axe;
import io.certbridge.support.Browser;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Chromium, as a registrar uses it: each page is checked with axe-core (no serious or critical
 * violation) and saved as target/console-screenshots/<page>.png.
 */
class ConsoleBrowserTest extends HubTestBase {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static Browser browser;
    private static Axe axe;

    @BeforeAll
    static void start() {
        browser = new Browser();
        axe = new Axe();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private WebDriver driver() {
        return browser.driver();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Checks the page shown now and saves its screenshot. */
    private void review(String page) {
        assertThat(axe.seriousViolations(driver())).as("axe-core on " + page).isEmpty();
        browser.screenshot(SCREENSHOTS, page);
    }

    private void signInAsAdmin() {
        driver().manage().deleteAllCookies();
        driver().get(url("/console"));
        assertThat(driver().getCurrentUrl()).endsWith("/console/sign-in");
        driver().findElement(By.id("email")).sendKeys(HubTest.CONSOLE_ADMIN);
        driver().findElement(By.id("password")).sendKeys(HubTest.CONSOLE_ADMIN_PASSWORD, Keys.ENTER);
        new WebDriverWait(driver(), Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Dashboard"));
    }

    @Test
    void signingInLeadsToTheDashboard() {
        driver().manage().deleteAllCookies();
        driver().get(url("/console/sign-in"));
        review("sign-in");

        signInAsAdmin();

        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        assertThat(driver().findElements(By.cssSelector(".chart svg"))).hasSize(4);
        review("dashboard");
    }

    @Test
    void aKeyIsCreatedWithTheKeyboardAndShownOnce() {
        signInAsAdmin();
        driver().get(url("/console/keys"));
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
        review("keys");
        ApiClient.Response withIt = api().withKey(key).get("/v1/certificates?limit=1");
        assertThat(withIt.status()).isEqualTo(200);

        driver().get(url("/console/keys"));
        assertThat(driver().getPageSource()).contains(name).doesNotContain(key);
    }
}
