package io.certbridge.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.BrowserPerClass;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.openapi.OpenApiDescription;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reference page in a real (headless) Chromium that enforces its Content-Security-Policy and resolves no host
 * but loopback: it renders every operation of the description from what the hub itself serves.
 */
class ApiReferencePageBrowserTest extends HubTestBase {

    @RegisterExtension
    static final BrowserPerClass browser = new BrowserPerClass();

    @Test
    void thePageRendersEveryOperationOfTheDescription() {
        int operations = new OpenApiDescription(api().getBytes("/v1/openapi.json").body()).operations().size();
        WebDriver driver = browser.driver();
        driver.get("http://127.0.0.1:" + port + "/v1/docs");

        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(page -> page.findElements(By.cssSelector(".opblock")).size() >= operations);
        assertThat(driver.findElements(By.cssSelector(".opblock"))).hasSize(operations);
        assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).startsWith("certbridge API");
        assertThat(driver.findElements(By.cssSelector(".version-pragma"))).as("Swagger UI's warnings").isEmpty();
        assertThat(driver.findElements(By.cssSelector(".errors-wrapper"))).as("Swagger UI's errors").isEmpty();
        browser.screenshot("api-reference");
    }
}
