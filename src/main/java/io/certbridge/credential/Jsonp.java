package io.certbridge.credential;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * The Jakarta JSON provider, looked up once: the static {@code jakarta.json.Json} methods repeat a
 * service-loader lookup on every call, which showed up as a third of the signing time.
 */
public final class Jsonp {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {
    }

    /** A JSON object the hub wrote itself (a stored credential, a template's fields), read as it is. */
    public static JsonObject object(String text) {
        return JSON.createReader(new StringReader(text)).readObject();
    }
}
