package io.certbridge.verification;

import com.apicatalog.jsonld.document.Document;
import io.certbridge.credential.JsonLdContexts;
import io.certbridge.shared.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The JSON-LD contexts a credential may use: the bundled ones and those the operator allowed in
 * certbridge.verification.contexts, read once at start from their files (a pinned file whose SHA-256 differs stops
 * the start). Allowed contexts are files rather than URLs fetched with a pin, so that verifying never depends on a
 * third party's server being up, and the operator sees what was allowed.
 */
@Component
class VerificationContexts {

    private final JsonLdContexts contexts;

    VerificationContexts(VerificationSettings settings) {
        Map<String, Document> allowed = new LinkedHashMap<>();
        for (VerificationSettings.AllowedContext context : settings.contexts()) {
            allowed.put(context.url(), read(context));
        }
        this.contexts = allowed.isEmpty() ? JsonLdContexts.BUNDLED : JsonLdContexts.BUNDLED.with(allowed);
    }

    JsonLdContexts contexts() {
        return contexts;
    }

    private static Document read(VerificationSettings.AllowedContext context) {
        Path file = Path.of(context.file());
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (context.sha256() != null && !context.sha256().isBlank()
                    && !HexFormat.of().formatHex(Sha256.of(bytes)).equalsIgnoreCase(context.sha256().strip())) {
                throw new IllegalStateException("certbridge.verification.contexts: " + file + " (for " + context.url()
                        + ") does not have the SHA-256 it is pinned to");
            }
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                return JsonLdContexts.document(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("certbridge.verification.contexts: " + file + " (for " + context.url()
                    + ") cannot be read as a JSON-LD context", e);
        }
    }
}
