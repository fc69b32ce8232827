package io.certbridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Chromium for a browser test: signing in, and reviewing a page (axe-core finds no serious or
 * critical violation, and the page is saved as target/console-screenshots/<page>.png).
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final Browser browser = new Browser();
    private final Axe axe = new Axe();
    private final int port;

    public ConsoleBrowser(int port) {
        this.port = port;
    }

    public WebDriver driver() {
        return browser.driver();
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public void open(String path) {
        driver().get(url(path));
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver(), Duration.ofSeconds(20));
    }

    public void signInAsAdmin() {
        driver().manage().deleteAllCookies();
        open("/console/sign-in");
        driver().findElement(By.id("email")).sendKeys(HubTest.CONSOLE_ADMIN);
        driver().findElement(By.id("password")).sendKeys(HubTest.CONSOLE_ADMIN_PASSWORD, Keys.ENTER);
        waiting().until(ExpectedConditions.titleContains("Dashboard"));
    }

    /** Checks the page shown now and saves its screenshot. */
    public void review(String page) {
        assertThat(axe.seriousViolations(driver())).as("axe-core on " + page).isEmpty();
        browser.screenshot(SCREENSHOTS, page);
    }

    @Override
    public void close() {
        browser.close();
    }
}
