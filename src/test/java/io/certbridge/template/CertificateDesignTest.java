package io.certbridge.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.certbridge.template.CertificateDesign.Field;
import io.certbridge.template.CertificateDesign.Model;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CertificateDesignTest {

    private static final String VERIFICATION_URL = "https://certs.example.org/verify/sample-id";

    private final CertificateDesign design = new CertificateDesign();

    private static Model sample(String recipientName, List<Field> fields) {
        return new Model(recipientName, "Advanced Data Engineering", "Streaming data pipelines",
                "Passed the final assessment", "Northwind Academy", "14 March 2026", "14 March 2029", "sample-id",
                VERIFICATION_URL, "data:image/png;base64,iVBORw0KGgo=", fields);
    }

    private static Model sample(String recipientName) {
        return sample(recipientName, List.of(new Field("grade", "A"), new Field("hours", "120"),
                new Field("instructor", "Dr. Grace Hopper")));
    }

    @Test
    void defaultDesignShowsRecipientAndFields() {
        String html = design.render(null, sample("Ada Lovelace"));

        assertThat(html)
                .contains("Ada Lovelace", "Advanced Data Engineering", "Northwind Academy", "14 March 2029")
                .contains("instructor", "Dr. Grace Hopper")
                .contains(VERIFICATION_URL, "src=\"data:image/png;base64,")
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
        String html = design.render(null, sample("<script>alert('x')</script>"));

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
        Model model = sample("Ada Lovelace");
        Model noExpiry = new Model(model.recipientName(), model.achievementName(),
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

    @Test
    void refusesEscapeBypassesHiddenBehindControlCharacters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CertificateDesign.validate("<html><body>{{\u0001&recipient_name}}</body></html>"))
                .withMessageContaining("escaped");
    }

    @Test
    void refusesNestedSections() {
        String nested = """
                <html xmlns="http://www.w3.org/1999/xhtml"><body>
                {{#fields}}
                <p>{{ #fields }}{{name}}{{/fields}}</p>
                {{/fields}}
                </body></html>""";
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateDesign.validate(nested))
                .withMessage("sections cannot be nested: {{#fields}} inside {{#fields}} at line 3");

        assertThatIllegalArgumentException().isThrownBy(() -> CertificateDesign.validate(
                        "<html><body>{{^has_fields}}{{#expires_on}}x{{/expires_on}}{{/has_fields}}</body></html>"))
                .withMessageContaining("{{#expires_on}} inside {{^has_fields}}");
    }

    @Test
    void stopsADesignWhoseOutputOutgrowsAnyCertificate() {
        String huge = "<html><body>{{#fields}}<p>" + "x".repeat(250_000) + "</p>{{/fields}}</body></html>";
        CertificateDesign.validate(huge);
        List<Field> fields = IntStream.range(0, 5).mapToObj(i -> new Field("f" + i, "v")).toList();

        assertThatIllegalStateException().isThrownBy(() -> design.render(huge, sample("Ada Lovelace", fields)))
                .withMessageContaining("exceeds");
    }
}
