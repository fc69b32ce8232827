package io.certbridge.credential;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.status-lists.*: {@code ttl}, how long a verifier or a cache may keep a status list credential before
 * fetching it again; it is the list's {@code ttl} and its {@code Cache-Control: max-age}, and so the longest a
 * revocation can take to reach a verifier that honours either; {@code suspension-entry}, whether each credential also
 * names its place in the suspension list beside the revocation list (credentialStatus then an array of two, which
 * Open Badges 3.0 does not allow).
 */
@Validated
@ConfigurationProperties("certbridge.status-lists")
public record StatusListSettings(@DefaultValue("1m") @DurationMin(seconds = 1) Duration ttl, boolean suspensionEntry) {
}
