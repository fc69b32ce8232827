package io.certbridge.issuance;

import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.shared.Environment;
import java.time.LocalDate;

/**
 * A certificate for a document its issuer made before the hub (the vault): titled and dated as the document is, its
 * credential citing the document's SHA-256 as evidence. Its id is chosen beforehand, so that a copy of the document
 * can carry its verification link; {@code requestKey} issues it at most once.
 */
public record DocumentCertificate(String certificateId, String requestKey, Environment environment, String templateId,
                                  Recipient recipient, String title, LocalDate issueDate, String sha256,
                                  String mediaType, long size) {
}
