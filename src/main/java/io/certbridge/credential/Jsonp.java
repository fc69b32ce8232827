package io.certbridge.credential;

import jakarta.json.spi.JsonProvider;

/**
 * The Jakarta JSON provider, looked up once: the static {@code jakarta.json.Json} methods repeat a
 * service-loader lookup on every call, which showed up as a third of the signing time.
 */
public final class Jsonp {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {
    }
}
