package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.Axe;
import io.certbridge.support.BrowserPerClass;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.NodeIssuer;
import io.certbridge.support.TestResources;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page to verify a credential from anywhere, in a real (headless) Chromium, used with the keyboard alone: Tab to
 * the JSON field, paste, Tab to Verify, Enter; the answer says the other issuer's credential is valid. Neither the form
 * nor the answer has a serious accessibility violation (axe-core).
 */
class CredentialPageBrowserTest extends HubTestBase {

    @RegisterExtension
    static final BrowserPerClass browser = new BrowserPerClass();

    @Test
    void aCredentialPastedAndSentWithTheKeyboardAloneIsShownValid() {
        String credential = NodeIssuer.sign(ForeignCredentialsTest.openBadge20(), "eddsa-rdfc-2022", null, null,
                TestResources.publicContexts()).credential().toString();
        WebDriver driver = browser.driver();
        driver.get("http://127.0.0.1:" + port + "/verify");
        assertThat(new Axe().seriousViolations(driver)).isEmpty();

        Actions keyboard = new Actions(driver);
        keyboard.sendKeys(Keys.TAB).perform();
        assertThat(focused(driver)).isEqualTo("credential-json");
        keyboard.sendKeys(credential).perform();
        for (int tabs = 0; tabs < 4 && !"verify-submit".equals(focused(driver)); tabs++) {
            keyboard.sendKeys(Keys.TAB).perform();
        }
        assertThat(focused(driver)).isEqualTo("verify-submit");
        keyboard.sendKeys(Keys.ENTER).perform();

        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
        assertThat(driver.findElement(By.id("status")).getDomAttribute("data-status")).isEqualTo("valid");
        assertThat(driver.findElement(By.id("issuer")).getText()).contains("Another Academy");
        assertThat(driver.findElement(By.id("achievement")).getText()).isEqualTo("Rust Basics");
        assertThat(new Axe().seriousViolations(driver)).isEmpty();
    }

    private static String focused(WebDriver driver) {
        return driver.switchTo().activeElement().getDomAttribute("id");
    }
}
