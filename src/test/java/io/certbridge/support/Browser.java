package io.certbridge.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through the system's chromedriver, with a fresh profile that is deleted on close.
 * The driver's path is given explicitly, so Selenium Manager is never run and nothing is downloaded; the
 * browser's own background traffic (sync, component updates, field trials) is switched off. Tests must only
 * send it to 127.0.0.1 or localhost.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final Path profile;
    private final ChromeDriverService service;
    private final WebDriver driver;

    public Browser() {
        try {
            profile = Files.createTempDirectory("certbridge-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
                "--no-default-browser-check", "--disable-search-engine-choice-screen",
                "--disable-features=OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,Translate,"
                        + "AutofillServerCommunication,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater",
                // Even with the switches above, Chromium looks up Google and search-engine hosts in the background
                // (accounts.google.com, clients2.google.com, update.googleapis.com, optimizationguide-pa.googleapis.com,
                // start.duckduckgo.com). Only localhost and 127.0.0.1 resolve, so nothing can leave the machine.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile, "--window-size=1280,1000");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Saves the whole page as {@code target/screenshots/<name>.png}: the window is stretched to the page's
     * height for the shot (ChromeDriver only captures the viewport), then put back.
     */
    public Path screenshot(String name) {
        return screenshot(Path.of("target", "screenshots"), name);
    }

    /** Saves the whole page as {@code <folder>/<name>.png}, as {@link #screenshot(String)} does. */
    public Path screenshot(Path folder, String name) {
        Path target = folder.resolve(name + ".png");
        Dimension window = driver.manage().window().getSize();
        try {
            Files.createDirectories(target.getParent());
            long height = ((Number) ((JavascriptExecutor) driver).executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")).longValue();
            int chrome = window.getHeight() - ((Number) ((JavascriptExecutor) driver)
                    .executeScript("return window.innerHeight")).intValue();
            if (height + chrome > window.getHeight()) {
                driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + chrome, 8000)));
            }
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(shot.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is not worth failing a test over
        }
    }
}
