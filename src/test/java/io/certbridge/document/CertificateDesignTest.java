package io.certbridge.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CertificateDesignTest {

    private final CertificateDesign design = new CertificateDesign();

    @Test
    void defaultDesignShowsRecipientAndFields() {
        String html = design.render(null, SampleCertificate.withRecipient("Ada Lovelace"));

        assertThat(html)
                .contains("Ada Lovelace", "Advanced Data Engineering", "Northwind Academy", "14 March 2029")
                .contains("instructor", "Dr. Grace Hopper")
                .contains(SampleCertificate.VERIFICATION_URL, "src=\"data:image/png;base64,")
                .doesNotContain("{{");
    }

    @Test
    void defaultDesignPassesValidation() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/designs/default-certificate.html")) {
            String defaultDesign = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThatCode(() -> CertificateDesign.validate(defaultDesign)).doesNotThrowAnyException();
        }
    }

    @Test
    void escapesMarkupInValues() {
        String html = design.render(null, SampleCertificate.withRecipient("<script>alert('x')</script>"));

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void customerDesignReadsFieldsByName() {
        String customer = """
                <html xmlns="http://www.w3.org/1999/xhtml"><body>
                <p>{{recipient_name}} earned grade {{field.grade}}{{field.missing}}</p>
                <ul>{{#fields}}<li>{{name}}: {{value}}</li>{{/fields}}</ul>
                {{#expires_on}}<p>until {{expires_on}}</p>{{/expires_on}}{{^expires_on}}<p>no expiry</p>{{/expires_on}}
                </body></html>""";
        CertificateDesign.validate(customer);
        CertificateDesign.Model model = SampleCertificate.withRecipient("Ada Lovelace");
        CertificateDesign.Model noExpiry = new CertificateDesign.Model(model.recipientName(), model.achievementName(),
                model.achievementDescription(), model.criteria(), model.issuerName(), model.issuedOn(), null,
                model.certificateId(), model.verificationUrl(), model.qrDataUri(), model.fields());

        assertThat(design.render(customer, model))
                .contains("Ada Lovelace earned grade A</p>", "<li>hours: 120</li>", "until 14 March 2029");
        assertThat(design.render(customer, noExpiry)).contains("no expiry").doesNotContain("until");
    }

    @Test
    void rejectsAnUnclosedTag() {
        String unclosed = """
                <html xmlns="http://www.w3.org/1999/xhtml"><body>
                <p>{{recipient_name}}
                </body></html>""";

        assertThatIllegalArgumentException().isThrownBy(() -> CertificateDesign.validate(unclosed))
                .withMessageContaining("line 3")
                .withMessageContaining("\"p\"");
    }

    @Test
    void rejectsBrokenTemplatesAndUnescapedTags() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateDesign.validate("<html><body>{{#fields}}</body></html>"))
                .withMessageContaining("Mustache");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateDesign.validate("<html><body>{{{recipient_name}}}</body></html>"))
                .withMessageContaining("escaped");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateDesign.validate("<html><body>{{> header}}</body></html>"))
                .withMessageContaining("escaped");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateDesign.validate("<div>{{recipient_name}}</div>"))
                .withMessageContaining("<html>");
    }
}
