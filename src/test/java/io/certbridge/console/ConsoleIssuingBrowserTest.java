package io.certbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.intake.LmsPayloads;
import io.certbridge.support.ConsoleBrowser;
import io.certbridge.support.HubTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages that make certificates, in Chromium: a template previewed as it is typed, a rule tried on an event, a
 * certificate issued from a form, and a CSV file checked, mapped and issued to a finished batch. Each page passes
 * axe-core and is saved in target/console-screenshots.
 */
class ConsoleIssuingBrowserTest extends HubTestBase {

    private static ConsoleBrowser console;

    @Autowired
    JdbcClient jdbc;

    private ConsoleBrowser console() {
        if (console == null) {
            console = new ConsoleBrowser(port);
        }
        return console;
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    private WebElement find(String id) {
        return console().driver().findElement(By.id(id));
    }

    private void setValue(WebElement element, String value) {
        ((JavascriptExecutor) console().driver()).executeScript("arguments[0].value = arguments[1]", element, value);
    }

    @Test
    void aTemplateIsPreviewedAsItIsTypedThenCreated() {
        String name = "Welding level 2 " + UUID.randomUUID().toString().substring(0, 8);
        console().signInAsAdmin();
        console().driver().findElement(By.linkText("Templates")).click();
        find("new-template").click();

        find("name").sendKeys(name);
        find("field-0-name").sendKeys("course");
        console().waiting().until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "var img = document.getElementById('preview-picture'); return img != null && img.naturalWidth > 300"));
        assertThat(find("preview-picture").getAttribute("alt")).contains("marked PREVIEW");
        console().review("template-new");

        find("design").sendKeys("<div><p>{{recipient_name}}</div>");
        console().waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"),
                "No preview until these are corrected"));
        assertThat(find("preview").getText()).contains("design");
        find("design").clear();
        find("design").sendKeys(Keys.SPACE);
        console().waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-picture")));

        find("save-template").click();
        console().waiting().until(ExpectedConditions.titleContains("Template " + name));
        String id = console().driver().getCurrentUrl().replaceAll(".*/console/templates/", "");
        assertThat(api().get("/v1/templates/" + id).body().at("/fields/0/name").asText()).isEqualTo("course");
        console().review("template");
        console().open("/console/templates");
        assertThat(find("main").getText()).contains(name);
        console().review("templates");
    }

    @Test
    void aRuleIsTriedOnAPastedEventAndShowsTheCertificateItWouldIssue() throws Exception {
        String template = courseTemplate();
        String course = String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
        String user = String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
        String email = "console.dry." + user + "@example.com";
        String rule = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of(
                "name", "Console dry run " + course, "source", "canvas", "event_type", "course_completed",
                "course_id", course, "template_id", template, "fields", Map.of("course", "$.course.name"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", "com.example.console"))));
        console().signInAsAdmin();
        console().open("/console/rules/new");

        setValue(find("definition"), rule);
        find("source").clear();
        find("source").sendKeys("canvas");
        setValue(find("body"), LmsPayloads.canvas("canvas-course_completed.json", user, course, email).toString());
        find("try-rule").click();

        WebElement certificate = console().waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("dry-run-certificate")));
        assertThat(certificate.getText()).contains(email).contains("Computer Science I");
        assertThat(find("dry-run").getText()).contains("It would issue a certificate.").contains("canvas_custom_data");
        console().review("rule-dry-run");
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).isEmpty();

        find("save-rule").click();
        console().waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "Rule saved."));
        console().open("/console/rules");
        assertThat(find("main").getText()).contains("Console dry run " + course);
        console().review("rules");
    }

    @Test
    void aCertificateIsIssuedFromAFormWithAnInputForEachField() {
        String template = courseTemplate();
        String email = "console.issue." + UUID.randomUUID().toString().substring(0, 8) + "@example.edu";
        console().signInAsAdmin();
        console().driver().findElement(By.linkText("Issue")).click();
        new Select(find("template-choice")).selectByValue(template);
        find("template-choice").submit();

        assertThat(find("field-grade").getAttribute("type")).isEqualTo("number");
        assertThat(find("field-completed_on").getAttribute("type")).isEqualTo("date");
        find("name").sendKeys("Grace Hopper");
        find("email").sendKeys(email);
        find("field-course").sendKeys("Compilers");
        find("field-grade").sendKeys("91.5");
        console().review("issue");
        find("issue").click();

        console().waiting().until(ExpectedConditions.titleContains("Certificate of Grace Hopper"));
        assertThat(find("status").getText()).isEqualTo("issued");
        var issued = api().get("/v1/certificates?recipient_email=" + email).body().at("/data/0");
        assertThat(issued.at("/fields/course").asText()).isEqualTo("Compilers");
        assertThat(issued.at("/fields/grade").asDouble()).isEqualTo(91.5);
    }

    @Test
    void aCsvFileIsCheckedRowByRowThenIssuedToABatchWhoseProgressIsShownUntilItFinishes() throws Exception {
        String template = courseTemplate();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path csv = Files.createTempFile("console-upload-", ".csv");
        Files.writeString(csv, "Full name,E-mail,Course,Grade\n"
                + "Ada Lovelace,ada." + tag + "@example.edu,Analytical Engines,97\n"
                + "Alan Turing,alan." + tag + "@example.edu,Computability,88\n"
                + "Nobody,not an address,Nothing,1\n"
                + "Grace Hopper,grace." + tag + "@example.edu,Compilers,91\n");
        try {
            console().signInAsAdmin();
            console().driver().findElement(By.linkText("CSV upload")).click();
            new Select(find("template")).selectByValue(template);
            find("file").sendKeys(csv.toAbsolutePath().toString());
            console().review("csv");
            find("check-file").click();

            console().waiting().until(ExpectedConditions.titleContains("Check the CSV"));
            assertThat(find("rows-summary").getText()).isEqualTo("4 rows: 3 can be issued, 1 cannot.");
            assertThat(new Select(find("target-0")).getFirstSelectedOption().getText()).isEqualTo("Recipient's name");
            assertThat(new Select(find("target-2")).getFirstSelectedOption().getText()).isEqualTo("Field course");
            List<WebElement> invalid = console().driver().findElements(By.cssSelector("tr.invalid"));
            assertThat(invalid).hasSize(1);
            assertThat(invalid.getFirst().getText()).contains("not an address").contains("recipient.email");
            console().review("csv-preview");

            find("skipInvalid").sendKeys(Keys.SPACE);
            find("issue-batch").click();

            console().waiting().until(ExpectedConditions.titleContains("Batch "));
            assertThat(find("batch-progress").getAttribute("max")).isEqualTo("3");
            console().waiting().until(ExpectedConditions.textToBe(By.id("batch-status"), "Finished."));
            assertThat(find("batch-progress").getAttribute("value")).isEqualTo("3");
            assertThat(find("batch-progress").getAttribute("aria-valuetext")).isEqualTo("3 of 3 rows done");
            console().review("batch");
            String results = (String) ((JavascriptExecutor) console().driver()).executeAsyncScript(
                    "var done = arguments[0]; fetch(document.getElementById('results-csv').href)"
                            + ".then(r => r.text()).then(done)");
            assertThat(results.lines()).hasSize(4);
            assertThat(results).contains("ada." + tag).contains("grace." + tag).doesNotContain("not an address");
            assertThat(results.lines().skip(1)).allMatch(line -> line.contains(",issued,"));

            String batch = console().driver().getCurrentUrl().replaceAll(".*/console/batches/", "");
            console().open("/console/batches");
            assertThat(find("main").getText()).contains(batch);
            console().review("batches");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void aRunningBatchsPageAsksForItsProgressEverySecondUntilItIsFinished() {
        String template = courseTemplate();
        String batch = "batch_console" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // a batch no issuer works on, so that the test decides when its rows are done
        jdbc.sql("insert into batches (id, environment, template_id, total, status) values (?, 'live', ?, 2, 'processing')")
                .params(batch, template).update();
        console().signInAsAdmin();
        console().open("/console/batches/" + batch);
        assertThat(find("batch-status").getText()).isEqualTo("Issuing…");
        assertThat(find("batch-progress").getAttribute("value")).isEqualTo("0");
        assertThat(console().driver().findElements(By.id("results-csv"))).isEmpty();

        jdbc.sql("""
                        insert into batch_errors (batch_id, batch_index, code, detail)
                        values (?, 0, 'invalid', 'first'), (?, 1, 'invalid', 'second')""")
                .params(batch, batch).update();
        jdbc.sql("update batches set status = 'completed_with_errors', completed_at = now() where id = ?")
                .param(batch).update();

        console().waiting().until(ExpectedConditions.textToBe(By.id("batch-status"), "Finished with errors."));
        assertThat(find("batch-progress").getAttribute("value")).isEqualTo("2");
        assertThat(find("progress").getAttribute("hx-trigger")).isNull();
        assertThat(find("results-csv").isDisplayed()).isTrue();
    }
}
