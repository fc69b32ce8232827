package io.certbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Files under src/test/resources, and the public JSON-LD contexts the independent verifiers are given. */
public final class TestResources {

    private TestResources() {
    }

    public static String text(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The W3C credentials v2 and Open Badges 3.0.3 contexts, by URL, as published. */
    public static Map<String, String> publicContexts() {
        return Map.of(
                "https://www.w3.org/ns/credentials/v2", text("/contexts/credentials-v2.jsonld"),
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", text("/contexts/ob-v3p0-context-3.0.3.json"));
    }

    /** The public contexts and the issuer's DID (or controller) document. */
    public static Map<String, String> publicContextsAnd(String issuer, String issuerDocument) {
        Map<String, String> documents = new HashMap<>(publicContexts());
        documents.put(issuer, issuerDocument);
        return documents;
    }
}
