package io.certbridge.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as an emulator received it.
 *
 * @param method  the HTTP method, e.g. {@code PUT}
 * @param path    the URL-decoded path, e.g. {@code /api/v1/users/sis_user_id:A1/custom_data}
 * @param query   the raw (still encoded) query string, or {@code ""} when there is none
 * @param headers all request headers; lookups ignore case
 * @param rawBody the request body as received ({@code byte[0]} when empty); {@link #body()} is its text
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] rawBody) {

    public RecordedRequest {
        query = query == null ? "" : query;
        rawBody = rawBody == null ? new byte[0] : rawBody.clone();
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
    }

    /** A request with a text body, sent as UTF-8. */
    public RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {
        this(method, path, query, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The body decoded as UTF-8 ({@code ""} when empty). Bytes that are not UTF-8 (a file in a
     * {@code multipart/form-data} body) are replaced: read those from {@link #rawBody()}.
     */
    public String body() {
        return new String(rawBody, StandardCharsets.UTF_8);
    }

    /** A copy of the body's bytes, as received. */
    @Override
    public byte[] rawBody() {
        return rawBody.clone();
    }

    /** The first value of a header, matched case-insensitively, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body read as {@code application/x-www-form-urlencoded}: (name, value) pairs in order. */
    public List<Map.Entry<String, String>> form() {
        return EmulatorServer.parseForm(body());
    }

    /** The query string read as (name, value) pairs in order. */
    public List<Map.Entry<String, String>> queryParams() {
        return EmulatorServer.parseForm(query);
    }
}
