package io.certbridge.verification;

import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.problems.NotFound;
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
        Certificate certificate = certificates.findVerifiable(id).orElseThrow(() -> new NotFound("certificate", id));
        Verification verification = verifier.verify(CredentialJson.stored(certificate.credential()));
        events.verified(id, verification, "api");
        return verification;
    }

    @PostMapping(consumes = {"application/json", "application/vc+ld+json", "application/vc"})
    Verification verifyCredential(@RequestBody String body) {
        CredentialVerifier.Result result = verifier.check(CredentialJson.parse(body));
        events.certificateOf(result).ifPresent(id -> events.verified(id, result.verification(), "api"));
        return result.verification();
    }
}
