package io.certbridge.emulator.trueapi;

import java.time.Instant;

/** An e-mail TRUE sent a recipient with their new certificate. */
public record SentEmail(String to, String recipientName, String certificateId, Instant sentAt) {
}
