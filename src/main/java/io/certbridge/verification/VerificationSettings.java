package io.certbridge.verification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.verification.*: how credentials of other issuers are verified.
 *
 * <p>{@code contexts}: JSON-LD contexts beyond the bundled ones that the operator allows, each the context's
 * {@code url} and a {@code file} on disk holding it, optionally pinned by {@code sha256} (hex) so that an edited file
 * stops the hub at start. A context is never fetched from the URL a credential names: a credential using one that is
 * neither bundled nor listed here is refused without any request.
 *
 * <p>{@code fetch}: how did:web DID documents and status list credentials are fetched: through the SSRF guard (public
 * addresses, https), each call bounded by {@code timeout}, at most {@code maxDocumentBytes} read, answers kept for
 * {@code cacheTtl}. {@code httpForLoopback} (off by default; for tests and local development only) lets loopback
 * addresses be reached, over plain http.
 */
@Validated
@ConfigurationProperties("certbridge.verification")
public record VerificationSettings(List<AllowedContext> contexts, @DefaultValue Fetch fetch) {

    public VerificationSettings {
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }

    public record AllowedContext(@NotBlank String url, @NotBlank String file, String sha256) {
    }

    public record Fetch(@DefaultValue("3s") @DurationMin(millis = 1) Duration timeout,
                        @DefaultValue("65536") @Positive int maxDocumentBytes,
                        @DefaultValue("5m") Duration cacheTtl,
                        @DefaultValue("false") boolean httpForLoopback) {
    }
}
