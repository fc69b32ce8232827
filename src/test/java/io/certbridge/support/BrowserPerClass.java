package io.certbridge.support;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * One {@link Browser} for the tests of a class, registered as
 * {@code @RegisterExtension static final BrowserPerClass browser = new BrowserPerClass();}: started before the first
 * test, closed after the last.
 */
public final class BrowserPerClass implements BeforeAllCallback, AfterAllCallback {

    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = new Browser();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
    }

    public WebDriver driver() {
        return browser.driver();
    }

    public Path screenshot(String name) {
        return browser.screenshot(name);
    }
}
