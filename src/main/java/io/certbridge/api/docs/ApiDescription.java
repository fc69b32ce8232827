package io.certbridge.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI 3.1 description of the public API, kept by hand in {@code openapi/openapi.yaml} (reviewed like code,
 * with prose no annotation would hold) and turned into JSON once, with a strong ETag of its bytes.
 */
@Component
public class ApiDescription {

    public static final String SOURCE = "/openapi/openapi.yaml";

    private final byte[] json;
    private final String etag;

    public ApiDescription(ObjectMapper mapper) {
        try (InputStream in = ApiDescription.class.getResourceAsStream(SOURCE)) {
            JsonNode description = new YAMLMapper().readTree(in);
            this.json = mapper.writeValueAsBytes(description);
            this.etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 16) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API description " + SOURCE, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] json() {
        return json.clone();
    }

    public String etag() {
        return etag;
    }
}
