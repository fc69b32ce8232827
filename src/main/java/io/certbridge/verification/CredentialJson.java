package io.certbridge.verification;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.credential.Jsonp;
import io.certbridge.shared.problems.MalformedInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * Reads a credential sent for verification, refusing what is not one with a 400 before any work:
 * text that is not one JSON object, JSON deeper or larger than any credential, text that cannot be
 * written back, and objects that do not say they are verifiable credentials.
 */
public final class CredentialJson {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_NODES = 5_000;

    private CredentialJson() {
    }

    static JsonObject parse(String text) {
        return credential(object(text));
    }

    /** Any JSON object no deeper or larger than a credential can be (a credential, or a request that holds one). */
    public static JsonObject object(String text) {
        JsonValue value;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw malformed("there is more after the JSON value");
            }
        } catch (MalformedInput problem) {
            throw problem;
        } catch (RuntimeException e) {
            throw malformed(e.getMessage());
        }
        if (!(value instanceof JsonObject object)) {
            throw new MalformedInput("not_a_credential", "The body must be a JSON object: a verifiable credential, or a "
                    + "request that holds one", null);
        }
        int[] nodes = {0};
        if (!withinLimits(object, 1, nodes)) {
            throw new MalformedInput("not_a_credential", "The body is nested deeper than " + MAX_DEPTH
                    + " levels or holds more than " + MAX_NODES + " values", null);
        }
        return object;
    }

    /** {@code value} as a verifiable credential: a JSON object with @context and a type that includes VerifiableCredential. */
    public static JsonObject credential(JsonValue value) {
        if (!(value instanceof JsonObject credential) || !credential.containsKey("@context")
                || !Format.values(credential.get("type")).contains("VerifiableCredential")) {
            throw new MalformedInput("not_a_credential", "The body must be a verifiable credential: a JSON object "
                    + "with @context and a type that includes VerifiableCredential", null);
        }
        return credential;
    }

    /** A credential the hub stored: it wrote it, so it is read as it is. */
    static JsonObject stored(String text) {
        return Jsonp.object(text);
    }

    private static boolean withinLimits(JsonValue value, int depth, int[] nodes) {
        if (++nodes[0] > MAX_NODES || depth > MAX_DEPTH) {
            return false;
        }
        if (value instanceof JsonObject object) {
            return object.entrySet().stream().allMatch(e -> wellFormed(e.getKey())
                    && withinLimits(e.getValue(), depth + 1, nodes));
        }
        if (value instanceof JsonArray array) {
            return array.stream().allMatch(v -> withinLimits(v, depth + 1, nodes));
        }
        return !(value instanceof JsonString s) || wellFormed(s.getString());
    }

    /** Unpaired surrogates can be parsed from \\u escapes but not written back as UTF-8. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static MalformedInput malformed(String detail) {
        return new MalformedInput("malformed_json", "The body is not valid JSON: " + detail, null);
    }
}
