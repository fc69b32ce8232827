package io.certbridge.credential;

import java.util.Arrays;
import java.util.Optional;

/** The two Bitstring Status Lists a certificate is on, and the stored status that sets its bit. */
public enum StatusPurpose {
    REVOCATION("revocation", "revoked"),
    SUSPENSION("suspension", "suspended");

    public final String value;
    final String certificateStatus;

    StatusPurpose(String value, String certificateStatus) {
        this.value = value;
        this.certificateStatus = certificateStatus;
    }

    public static Optional<StatusPurpose> of(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }
}
