package io.certbridge.verification;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.api.ApiProblem;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification for anyone, with no API key: of a certificate of this hub, or of any credential sent. */
@RestController
@RequestMapping(path = "/v1/verify", produces = "application/json")
class VerifyController {

    private final Certificates certificates;
    private final CredentialVerifier verifier;
    private final VerificationEvents events;

    VerifyController(Certificates certificates, CredentialVerifier verifier, VerificationEvents events) {
        this.certificates = certificates;
        this.verifier = verifier;
        this.events = events;
    }

    @GetMapping("/{id}")
    Verification verifyCertificate(@PathVariable String id) {
        Certificate certificate = certificates.find(id)
                .filter(c -> c.credential() != null)
                .orElseThrow(() -> ApiProblem.notFound("certificate", id));
        Verification verification = verifier.verify(parse(certificate.credential()));
        events.verified(id, verification, "api");
        return verification;
    }

    @PostMapping(consumes = "application/json")
    Verification verifyCredential(@RequestBody String body) {
        JsonObject credential = credential(body);
        Verification verification = verifier.verify(credential);
        events.certificateOf(credential, verification).ifPresent(id -> events.verified(id, verification, "api"));
        return verification;
    }

    private static JsonObject credential(String body) {
        JsonValue value;
        try {
            value = JSON.createReader(new StringReader(body)).readValue();
        } catch (JsonException e) {
            throw ApiProblem.badRequest("malformed_json", "The body is not valid JSON: " + e.getMessage(), null);
        }
        if (!(value instanceof JsonObject credential) || !credential.containsKey("@context")
                || !credential.containsKey("type")) {
            throw ApiProblem.badRequest("not_a_credential",
                    "The body must be a verifiable credential: a JSON object with @context, type and proof", null);
        }
        return credential;
    }

    static JsonObject parse(String storedCredential) {
        return JSON.createReader(new StringReader(storedCredential)).readObject();
    }
}
