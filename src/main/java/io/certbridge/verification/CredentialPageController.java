package io.certbridge.verification;

import com.samskivert.mustache.Template;
import io.certbridge.credential.XsdDateTime;
import io.certbridge.document.CertificateDocuments;
import io.certbridge.shared.problems.MalformedInput;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The verification page for a credential from anywhere: a form to paste its JSON or choose its file, and the answer
 * in the same view as a certificate's page. The credential is verified as it arrives and kept nowhere; what the page
 * shows of it (names, dates) is escaped, and is the credential's own word, under the status the checks gave.
 */
@RestController
class CredentialPageController {

    private final PostedCredentials posted;
    private final Template page = VerificationView.compile("verification.html");

    CredentialPageController(PostedCredentials posted) {
        this.posted = posted;
    }

    @GetMapping(path = "/verify", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> form() {
        return respond(HttpStatus.OK, formModel(null));
    }

    @PostMapping(path = "/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> verify(@RequestParam(required = false) String credential,
                                  @RequestParam(required = false) MultipartFile file) throws IOException {
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : credential;
        if (text == null || text.isBlank()) {
            return respond(HttpStatus.BAD_REQUEST, formModel("Paste a credential's JSON or choose its file."));
        }
        Verification verification;
        try {
            verification = posted.verify(text, "page");
        } catch (MalformedInput notACredential) {
            return respond(HttpStatus.BAD_REQUEST, formModel(notACredential.detail()));
        }
        Map<String, Object> model = formModel(null);
        model.putAll(resultModel(verification, CredentialJson.stored(verification.credential())));
        return respond(HttpStatus.OK, model);
    }

    private ResponseEntity<String> respond(HttpStatus status, Map<String, Object> model) {
        return ResponseEntity.status(status).header("Content-Security-Policy", VerificationView.PAGE_WITH_FORM_POLICY)
                .contentType(MediaType.TEXT_HTML).body(page.execute(model));
    }

    private static Map<String, Object> formModel(String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Verify a credential");
        model.put("paste_form", true);
        if (error != null) {
            model.put("form_error", error);
        }
        return model;
    }

    private static Map<String, Object> resultModel(Verification verification, JsonObject credential) {
        JsonObject subject = object(credential.get("credentialSubject"));
        JsonObject achievement = object(subject.get("achievement"));
        Map<String, Object> model = new HashMap<>();
        model.put("has_result", true);
        model.put("title", "Verification of a credential");
        model.put("status", verification.status());
        model.put("status_text", VerificationView.statusText(verification.status()));
        model.put("recipient_name", first(Format.string(subject, "name"), Format.string(subject, "id"), "The holder"));
        model.put("achievement_name", first(Format.string(achievement, "name"), Format.string(credential, "name"),
                "a credential"));
        model.put("achievement_description", first(Format.string(achievement, "description"),
                Format.string(credential, "description"), ""));
        model.put("issuer_name", verification.issuer().name());
        model.put("issuer_id", verification.issuer().id());
        model.put("issued_on", day(credential, "validFrom", "issuanceDate"));
        model.put("expires_on", day(credential, "validUntil", "expirationDate"));
        model.put("checks", VerificationView.checks(verification));
        return model;
    }

    private static JsonObject object(JsonValue value) {
        return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String day(JsonObject credential, String property, String olderProperty) {
        String text = first(Format.string(credential, property), Format.string(credential, olderProperty));
        Instant instant = text == null ? null : XsdDateTime.parse(text).orElse(null);
        return CertificateDocuments.day(instant);
    }
}
