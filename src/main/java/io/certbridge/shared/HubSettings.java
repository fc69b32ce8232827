package io.certbridge.shared;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.*: who the hub is and where it keeps what it makes itself. The two secrets carry no constraint:
 * a refused value would be echoed in the start-up report, so their own checks refuse them without showing them.
 *
 * @param dataDir         where the embedded PostgreSQL and Kafka, and a generated signing key, are kept
 * @param publicBaseUrl   the address people reach the hub at: the issuer's did:web and every verification link
 *                        are built from it
 * @param bootstrapApiKey when set and no API key exists yet, becomes a live key with every scope
 */
@Validated
@ConfigurationProperties("certbridge")
public record HubSettings(@NotNull Path dataDir,
                          @NotBlank @Pattern(regexp = HTTP_URL, message = HTTP_URL_MESSAGE) String publicBaseUrl,
                          @NotNull @Valid Issuer issuer, @DefaultValue Credentials credentials,
                          @NotNull @Valid LinkedIn linkedin, String bootstrapApiKey) {

    /** An http or https address with a host, and a path at most: no query, no fragment. */
    public static final String HTTP_URL = "https?://[^\\s/?#]+(/[^\\s?#]*)?";
    static final String HTTP_URL_MESSAGE = "must be an http or https address such as https://certificates.example.edu";

    public HubSettings {
        bootstrapApiKey = bootstrapApiKey == null ? "" : bootstrapApiKey.strip();
    }

    /** @param name the issuer's name in every credential and on the verification page */
    public record Issuer(@NotBlank String name) {
    }

    /**
     * @param signingKey an Ed25519 secret key as a multibase Multikey ({@code z3u2…}); empty: a key generated on
     *                   first start is kept under the data directory (embedded default only)
     */
    public record Credentials(String signingKey) {

        public Credentials {
            signingKey = signingKey == null ? "" : signingKey.strip();
        }
    }

    /** @param addToProfileUrl LinkedIn's "add certification to profile" address */
    public record LinkedIn(@NotBlank @Pattern(regexp = HTTP_URL, message = HTTP_URL_MESSAGE) String addToProfileUrl) {
    }
}
