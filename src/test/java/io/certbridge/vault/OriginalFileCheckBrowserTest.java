package io.certbridge.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.BrowserPerClass;
import io.certbridge.support.CertificateFiles;
import io.certbridge.support.HubTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person checks a file against a vault certificate's original on its verification page, in a real (headless)
 * Chromium that enforces the page's Content-Security-Policy: the form posts the file and the page says whether it is
 * the original.
 */
class OriginalFileCheckBrowserTest extends HubTestBase {

    @RegisterExtension
    static final BrowserPerClass browser = new BrowserPerClass();

    @TempDir
    Path files;

    @Test
    void theOriginalIsSaidToBeItAndAnotherFileIsNot() throws Exception {
        byte[] original = CertificateFiles.pdf("Marie Curie");
        VaultClient vault = new VaultClient(api());
        JsonNode entry = vault.approved(vault.deposit(VaultTest.template(api(), false), original, "diploma.pdf",
                "application/pdf", "marie." + UUID.randomUUID() + "@learners.test", "Radioactivity")
                .body().get("id").asText());
        String page = "http://127.0.0.1:" + port + "/verify/" + entry.get("certificate_id").asText();

        assertThat(check(page, Files.write(files.resolve("original.pdf"), original))).isEqualTo("true");
        assertThat(check(page, Files.write(files.resolve("other.pdf"), CertificateFiles.pdf("Pierre Curie"))))
                .isEqualTo("false");
    }

    /** Opens the page, chooses the file, submits the form; what the page then says: match true or false. */
    private static String check(String page, Path file) {
        WebDriver driver = browser.driver();
        driver.get(page);
        assertThat(driver.findElement(By.id("original-sha256")).getText()).hasSize(64);
        driver.findElement(By.id("check-file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("check-submit")).click();
        // click() may return before the posted form's answer has replaced the page
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(page + "/file"));
        return driver.findElement(By.id("file-check")).getAttribute("data-match");
    }
}
