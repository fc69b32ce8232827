package io.certbridge.verification;

import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.problems.NotFound;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verification for anyone, with no API key: of a certificate of this hub, or one an outside service issued (the
 * service's answer, {@link OutsideVerifier}), or of any credential sent.
 */
@RestController
@RequestMapping(path = "/v1/verify", produces = "application/json")
class VerifyController {

    private final Certificates certificates;
    private final CredentialVerifier verifier;
    private final VerificationEvents events;
    private final List<OutsideVerifier> outside;
    private final PostedCredentials posted;

    VerifyController(Certificates certificates, CredentialVerifier verifier, VerificationEvents events,
                     List<OutsideVerifier> outside, PostedCredentials posted) {
        this.certificates = certificates;
        this.verifier = verifier;
        this.events = events;
        this.outside = outside;
        this.posted = posted;
    }

    /** A certificate of this hub's, or one an outside service issued, as that service verifies it now. */
    @GetMapping("/{id}")
    Verification verifyCertificate(@PathVariable String id) {
        Verification verification = certificates.findVerifiable(id)
                .map(certificate -> Supersession.of(certificate,
                        verifier.verify(CredentialJson.stored(certificate.credential())), certificates))
                .or(() -> certificates.findPublic(id).flatMap(this::verifiedElsewhere))
                .orElseThrow(() -> new NotFound("certificate", id));
        events.verified(id, verification, "api");
        return verification;
    }

    private Optional<Verification> verifiedElsewhere(Certificate certificate) {
        return outside.stream().map(o -> o.verify(certificate)).flatMap(Optional::stream).findFirst();
    }

    @PostMapping(consumes = {"application/json", "application/vc+ld+json", "application/vc"})
    Verification verifyCredential(@RequestBody String body) {
        return posted.verify(body, "api");
    }
}
