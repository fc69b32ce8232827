package io.certbridge.credential;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON-LD contexts the hub understands, bundled with it (their sources: resources/jsonld/SOURCES.md), and any
 * the operator allowed ({@link #with}). Loading any other document fails: nothing is ever fetched from the network
 * while signing or verifying.
 */
public final class JsonLdContexts implements DocumentLoader {

    public static final String CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2";
    public static final String CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1";
    public static final String OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    private static final String OPEN_BADGES = "https://purl.imsglobal.org/spec/ob/v3p0/";

    /** The contexts of the credentials the hub issues, and those of other issuers' Open Badges and credentials. */
    public static final JsonLdContexts BUNDLED = new JsonLdContexts(Map.of(
            CREDENTIALS_V2, bundled("credentials-v2.jsonld"),
            OPEN_BADGES_V3, bundled("ob-v3p0-context-3.0.3.jsonld"),
            CREDENTIALS_V1, bundled("credentials-v1.jsonld"),
            OPEN_BADGES + "context.json", bundled("ob-v3p0-context-3.0.0.jsonld"),
            OPEN_BADGES + "context-3.0.1.json", bundled("ob-v3p0-context-3.0.1.jsonld"),
            OPEN_BADGES + "context-3.0.2.json", bundled("ob-v3p0-context-3.0.2.jsonld"),
            "https://w3id.org/security/data-integrity/v2", bundled("data-integrity-v2.jsonld"),
            "https://w3id.org/security/suites/ed25519-2020/v1", bundled("ed25519-signature-2020-v1.jsonld"),
            "https://www.w3.org/ns/credentials/status/v1", bundled("bitstring-status-list-v1.jsonld"),
            "https://w3id.org/vc/status-list/2021/v1", bundled("status-list-2021-v1.jsonld")));

    /**
     * The one term the bundled contexts lack, defined inline in every credential the hub issues: the
     * template's field values, signed as a JSON literal so that every field name and value is covered.
     */
    public static final JsonObject FIELDS_TERM = Jsonp.JSON.createObjectBuilder()
            .add("fields", Jsonp.JSON.createObjectBuilder()
                    .add("@id", "urn:certbridge:terms:fields")
                    .add("@type", "@json"))
            .build();

    /**
     * The term a renewal's credential names the credential it replaces by (its URL, an {@code @id}), defined inline
     * like {@link #FIELDS_TERM} and only in such credentials. Neither bundled context has a term that says this: VC
     * 2.0's relatedResource protects the integrity of a resource the credential uses (and requires its digest, which
     * an anchor proof added later would change), Open Badges' related links versions of one achievement, evidence
     * supports the claim; a context served by the hub would have to be fetched or bundled by every verifier.
     */
    public static final JsonObject REPLACES_TERM = Jsonp.JSON.createObjectBuilder()
            .add("replaces", Jsonp.JSON.createObjectBuilder()
                    .add("@id", "urn:certbridge:terms:replaces")
                    .add("@type", "@id"))
            .build();

    /** Maps every term no other context defines, so that verification can find them and refuse them. */
    public static final String UNMAPPED = "urn:certbridge:unmapped#";
    public static final JsonObject UNMAPPED_VOCABULARY = Jsonp.JSON.createObjectBuilder().add("@vocab", UNMAPPED).build();

    private final Map<String, Document> documents;

    private JsonLdContexts(Map<String, Document> documents) {
        this.documents = documents;
    }

    /** These contexts and {@code more} (by URL), which take no precedence over a bundled one of the same URL. */
    public JsonLdContexts with(Map<String, Document> more) {
        Map<String, Document> all = new HashMap<>(more);
        all.putAll(documents);
        return new JsonLdContexts(Map.copyOf(all));
    }

    public boolean knows(String url) {
        return documents.containsKey(url);
    }

    /** Whether a context entry is one of the hub's own: a bundled context's URL or an inline context above. */
    public boolean isOwn(JsonValue context) {
        return context instanceof JsonString url ? knows(url.getString())
                : context.equals(FIELDS_TERM) || context.equals(REPLACES_TERM) || context.equals(UNMAPPED_VOCABULARY);
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
            return document(in);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("bundled context " + file + " is unreadable", e));
        }
    }

    /** A context document read from JSON. */
    public static Document document(InputStream json) throws IOException {
        try {
            return JsonDocument.of(json);
        } catch (JsonLdError e) {
            throw new IOException("not a JSON document: " + e.getMessage(), e);
        }
    }
}
