package io.certbridge.credential;

import io.certbridge.backbone.Outage;
import io.certbridge.shared.problems.Unavailable;

/**
 * The key the hub would sign with has been retired: nothing is signed until a new key is configured, because what it
 * signed now would verify as invalid. Flows that consume Kafka wait this out like a database outage, and an API call
 * is refused with 503, so nothing is issued half-valid and nothing is lost.
 */
public final class SigningKeyRetired extends Unavailable implements Outage {

    SigningKeyRetired(String multikey, KeyRetirements.Retirement retirement) {
        super("signing_key_retired", "The signing key " + multikey + " was retired on " + retirement.at()
                + ": nothing is signed until a new key is configured (certbridge.credentials.signing-key) and the hub "
                + "restarted");
    }
}
