package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.certbridge.support.AsIssued;
import io.certbridge.support.ApiClient;
import io.certbridge.support.BrowserPerClass;
import io.certbridge.support.HubTestBase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The public verification page as a person sees it, in a real (headless) Chromium. The browser only ever
 * visits the hub on 127.0.0.1; the LinkedIn button is checked by its address, never followed.
 */
class VerificationPageBrowserTest extends HubTestBase {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final BrowserPerClass browser = new BrowserPerClass();

    @Test
    void aValidCertificateShowsWhoEarnedWhatFromWhomAndThatItHolds() throws Exception {
        String template = courseTemplate();
        String templateName = api().get("/v1/templates/" + template).body().get("name").asText();
        JsonNode created = issue(certificate(template, "ada@example.org"));
        String id = created.get("id").asText();
        JsonNode credential = created.get("credential");

        WebDriver page = open(id);

        assertThat(page.getTitle()).contains(templateName, "Ada Lovelace");
        assertThat(text("recipient")).isEqualTo("Ada Lovelace");
        assertThat(text("achievement")).isEqualTo(templateName);
        String issuerName = credential.at("/issuer/name").asText();
        assertThat(issuerName).isNotBlank();
        assertThat(text("issuer")).contains(issuerName, credential.at("/issuer/id").asText());
        assertThat(text("issued")).isEqualTo(DAY.format(Instant.parse(created.get("issued_at").asText())));
        assertThat(text("expires")).isEqualTo("no expiry");

        WebElement status = element("status");
        assertThat(status.getDomAttribute("data-status")).isEqualTo("valid");
        assertThat(status.getDomAttribute("class")).contains("valid");
        assertThat(status.getText()).startsWith("Valid");
        assertThat(status.isDisplayed()).isTrue();

        assertThat(checks()).containsExactly(Map.entry("format", "true"), Map.entry("issuer_key", "true"),
                Map.entry("proof", "true"), Map.entry("status", "true"), Map.entry("validity_period", "true"));

        WebElement qr = element("qr");
        assertThat(qr.isDisplayed()).isTrue();
        assertThat(((Number) js("return arguments[0].naturalWidth", qr)).intValue())
                .as("the QR image is decoded by the browser").isPositive();
        assertThat(decodeQr(qr.getDomAttribute("src"))).isEqualTo(created.get("verification_url").asText());
        assertThat(created.get("verification_url").asText()).endsWith("/verify/" + id);

        // The LinkedIn button goes through the hub (which redirects off-site): checked, never followed.
        WebElement linkedin = element("linkedin");
        assertThat(linkedin.getDomAttribute("href")).isEqualTo("/verify/" + id + "/linkedin");
        assertThat(linkedin.getDomProperty("href")).isEqualTo(base() + "/verify/" + id + "/linkedin");
        assertThat(linkedin.getText()).contains("LinkedIn");

        String pdfHref = element("download-pdf").getDomProperty("href");
        assertThat(pdfHref).isEqualTo(base() + "/verify/" + id + "/certificate.pdf");
        HttpResponse<byte[]> pdf = download(pdfHref);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(AsIssued.credential(ApiClient.json().readTree(attachment(pdf.body(), "credential.json"))))
                .isEqualTo(credential);

        String credentialHref = element("download-credential").getDomProperty("href");
        assertThat(credentialHref).isEqualTo(base() + "/credentials/" + id);
        ApiClient.Response downloaded = anonymous().get(URI.create(credentialHref).getPath());
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.contentType()).isEqualTo("application/vc+ld+json");
        assertThat(AsIssued.credential(downloaded.body())).isEqualTo(credential);

        browser.screenshot("verification-page-valid");
    }

    @Test
    void aRevokedCertificateSaysSoAndNamesTheFailingCheck() {
        JsonNode created = issue(certificate(courseTemplate(), "revoked@example.org"));
        String id = created.get("id").asText();
        ApiClient.Response revoked = api().post("/v1/certificates/" + id + "/revoke", Map.of("reason", "issued in error"));
        assertThat(revoked.status()).as(String.valueOf(revoked.body())).isEqualTo(200);

        open(id);

        WebElement status = element("status");
        assertThat(status.getDomAttribute("data-status")).isEqualTo("revoked");
        assertThat(status.getDomAttribute("class")).contains("revoked");
        assertThat(status.getText()).startsWith("Revoked");
        assertThat(checks()).containsEntry("status", "false").containsEntry("proof", "true")
                .containsEntry("issuer_key", "true").containsEntry("format", "true");
        assertThat(text("recipient")).isEqualTo("Ada Lovelace");

        browser.screenshot("verification-page-revoked");
    }

    @Test
    void anUnknownCertificateIsNotFound() {
        ApiClient.Response response = anonymous().get("/verify/cert_doesnotexist");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("text/html");

        WebDriver page = browser.driver();
        page.get(base() + "/verify/cert_doesnotexist");
        assertThat(page.getTitle()).isEqualTo("Certificate not found");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Certificate not found");
        assertThat(page.findElement(By.tagName("main")).getText()).contains("cert_doesnotexist");
        assertThat(page.findElements(By.id("status"))).isEmpty();
    }

    @Test
    void markupInARecipientNameIsShownAsTextAndNeverRuns() {
        Map<String, Object> request = new HashMap<>(certificate(courseTemplate(), "eve@example.org"));
        String name = "<script>window.pwned=1</script>Eve";
        request.put("recipient", Map.of("name", name, "email", "eve@example.org"));
        JsonNode created = issue(request);

        open(created.get("id").asText());

        assertThat(text("recipient")).contains("<script>").isEqualTo(name);
        assertThat(browser.driver().getTitle()).contains(name);
        assertThat(browser.driver().findElements(By.cssSelector("#recipient script"))).isEmpty();
        assertThat(js("return window.pwned")).isNull();

        browser.screenshot("verification-page-markup-name");
    }

    @Test
    void everyValueFromACustomerIsIsolatedSoThatRightToLeftTextCannotReorderThePage() {
        ApiClient.Response template = api().post("/v1/templates", Map.of(
                "name", "תעודת סיום " + UUID.randomUUID(), "description", "השלים את הקורס 101",
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))));
        assertThat(template.status()).as(String.valueOf(template.body())).isEqualTo(201);
        String name = "زينب 2";
        JsonNode created = issue(Map.of("template_id", template.body().get("id").asText(),
                "recipient", Map.of("name", name, "email", "zainab@example.org"), "fields", Map.of("course", "x")));

        open(created.get("id").asText());

        List<String> values = List.of(name, template.body().get("name").asText(),
                template.body().get("description").asText());
        for (String value : values) {
            Object parents = js("""
                    const found = [];
                    const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
                    while (walk.nextNode()) {
                      if (walk.currentNode.data.includes(arguments[0])) found.push(walk.currentNode.parentElement.tagName);
                    }
                    return found;""", value);
            assertThat(parents).as("elements that hold " + value).isEqualTo(List.of("BDI"));
        }
        assertThat(text("recipient")).isEqualTo(name);
    }

    private JsonNode issue(Map<String, Object> request) {
        ApiClient.Response created = api().post("/v1/certificates", request);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private WebDriver open(String id) {
        WebDriver driver = browser.driver();
        driver.get(base() + "/verify/" + id);
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/verify/" + id);
        return driver;
    }

    private static WebElement element(String id) {
        return browser.driver().findElement(By.id(id));
    }

    private static String text(String id) {
        return element(id).getText();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    /** Each check on the page, in order, with its data-passed. */
    private static Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        List<WebElement> items = browser.driver().findElements(By.cssSelector("ul#checks li[data-check]"));
        for (WebElement item : items) {
            checks.put(item.getDomAttribute("data-check"), item.getDomAttribute("data-passed"));
            assertThat(item.isDisplayed()).isTrue();
        }
        return checks;
    }

    private static String decodeQr(String src) throws Exception {
        String prefix = "data:image/png;base64,";
        assertThat(src).startsWith(prefix);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(prefix.length()))));
        assertThat(image).isNotNull();
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap).getText();
    }

    /** ApiClient reads bodies as text, which would mangle a PDF; the bytes come through a plain client. */
    private static HttpResponse<byte[]> download(String url) throws Exception {
        assertThat(URI.create(url).getHost()).isEqualTo("127.0.0.1");
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] attachment(byte[] pdfBytes, String name) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            PDEmbeddedFilesNameTreeNode files = pdf.getDocumentCatalog().getNames().getEmbeddedFiles();
            assertThat(files).as("the PDF has embedded files").isNotNull();
            Map<String, PDComplexFileSpecification> names = files.getNames();
            assertThat(names).as("embedded files").containsKey(name);
            return names.get(name).getEmbeddedFile().toByteArray();
        }
    }
}
