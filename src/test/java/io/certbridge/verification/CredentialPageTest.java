package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.MultipartForm;
import io.certbridge.support.NodeIssuer;
import io.certbridge.support.TestResources;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * GET /verify offers a form to verify a credential from anywhere, pasted or chosen as a file; POST /verify answers in
 * the certificate page's view, escaping what the credential says, within the page's Content-Security-Policy.
 */
class CredentialPageTest extends HubTestBase {

    private static final String POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Test
    void theFormTakesAnotherIssuersCredentialPastedAndShowsItValidWithWhatItSaysEscaped() {
        ApiClient.Response form = anonymous().get("/verify");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Content-Security-Policy")).isEqualTo(POLICY);
        assertThat(form.raw().body()).contains("<label for=\"credential-json\">", "<label for=\"credential-file\">",
                "<form method=\"post\" action=\"/verify\" enctype=\"multipart/form-data\">");

        ObjectNode badge = ForeignCredentialsTest.openBadge20();
        ((ObjectNode) badge.at("/credentialSubject/achievement")).put("name", "<script>alert('x')</script> Rust");
        ObjectNode signed = NodeIssuer.sign(badge, "eddsa-rdfc-2022", null, null, TestResources.publicContexts())
                .credential();

        ApiClient.Response page = anonymous().post("/verify", new MultipartForm().field("credential", signed.toString()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo(POLICY);
        assertThat(page.raw().body())
                .contains("data-status=\"valid\"", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Rust",
                        "Another Academy", "data-check=\"proof\" data-passed=\"true\"", "Verify another credential")
                .doesNotContain("<script>");
    }

    @Test
    void aCredentialFileChangedAfterSigningIsShownNotValidWithTheFailedCheck() {
        ObjectNode signed = NodeIssuer.sign(ForeignCredentialsTest.openBadge20(), "ecdsa-rdfc-2019", "P-256", null,
                TestResources.publicContexts()).credential();
        signed.put("validFrom", "2020-01-01T00:00:00Z");

        ApiClient.Response page = anonymous().post("/verify", new MultipartForm().file("file", "badge.json",
                "application/json", signed.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("data-status=\"invalid\"", "data-check=\"proof\" data-passed=\"false\"",
                "it was changed after signing");
    }

    @Test
    void textThatIsNotACredentialGetsTheFormBackSayingWhy() {
        ApiClient.Response page = anonymous().post("/verify", new MultipartForm().field("credential", "{\"hello\": 1}"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.raw().body()).contains("id=\"form-error\" role=\"alert\"", "must be a verifiable credential")
                .doesNotContain("data-status=");
    }
}
