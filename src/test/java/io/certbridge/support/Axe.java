package io.certbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (src/test/node, a locked version) run in the page the browser shows: the serious and critical violations
 * of WCAG 2.x A and AA and of best practice, one line each.
 */
public final class Axe {

    private static final Path SCRIPT = Path.of("src", "test", "node", "node_modules", "axe-core", "axe.min.js");

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(results => done(results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                    + v.nodes.map(n => n.target.join(' ')).join(', '))));""";

    private final String source;

    public Axe() {
        if (!Files.exists(SCRIPT)) {
            throw new IllegalStateException(SCRIPT + " is missing: run `npm ci --prefix src/test/node`");
        }
        try {
            source = Files.readString(SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> seriousViolations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(source);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return (List<String>) js.executeAsyncScript(RUN);
    }
}
