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
            return JsonDocument.of(in);
        } catch (IOException | JsonLdError e) {
            throw new UncheckedIOException(new IOException("bundled context " + file + " is unreadable", e));
        }
    }
}
