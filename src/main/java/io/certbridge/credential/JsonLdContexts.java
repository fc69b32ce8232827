package io.certbridge.credential;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The JSON-LD contexts the hub understands, bundled with it. Loading any other document fails:
 * nothing is ever fetched from the network while signing or verifying.
 */
public final class JsonLdContexts implements DocumentLoader {

    public static final String CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2";
    public static final String OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    public static final JsonLdContexts BUNDLED = new JsonLdContexts(Map.of(
            CREDENTIALS_V2, bundled("credentials-v2.jsonld"),
            OPEN_BADGES_V3, bundled("ob-v3p0-context-3.0.3.jsonld")));

    private final Map<String, Document> documents;

    private JsonLdContexts(Map<String, Document> documents) {
        this.documents = documents;
    }

    public boolean knows(String url) {
        return documents.containsKey(url);
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        Document document = documents.get(url.toString());
        if (document == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "unknown JSON-LD context " + url + " (only bundled contexts are used; nothing is fetched)");
        }
        return document;
    }

    private static Document bundled(String file) {
        try (InputStream in = JsonLdContexts.class.getResourceAsStream("/jsonld/" + file)) {
            return JsonDocument.of(in);
        } catch (IOException | JsonLdError e) {
            throw new UncheckedIOException(new IOException("bundled context " + file + " is unreadable", e));
        }
    }
}
