package io.certbridge.emulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.MoodleParams.MoodleException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Emulates Moodle's REST web-service server ({@code webservice/rest/server.php}, as in
 * {@code webservice/rest/locallib.php}) with {@code core_user_get_users_by_field} and
 * {@code core_user_update_users}. Errors come back with HTTP 200: as JSON with
 * {@code moodlewsrestformat=json}, as XML otherwise. Parameters are read like PHP's
 * {@code array_merge($_GET, $_POST)}; a JSON body is ignored, as PHP does.
 */
public final class MoodleEmulator extends EmulatorServer {

    public static final String ENDPOINT = "/webservice/rest/server.php";

    /** PHP's json_encode: non-ASCII as \\uXXXX, and "/" escaped as "\/" (done on the text). */
    private static final ObjectMapper PHP_JSON = new ObjectMapper().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
    private static final Map<String, String> NO_CACHE_HEADERS = Map.of(
            "Cache-Control", "private, must-revalidate, pre-check=0, post-check=0, max-age=0",
            "Expires", "Thu, 01 Jan 1970 00:00:00 GMT",
            "Pragma", "no-cache",
            "Accept-Ranges", "none");

    private final String token;
    private final MoodleUsers users = new MoodleUsers();
    private final List<String> functionsCalled = new ArrayList<>();

    public MoodleEmulator(String token) {
        this.token = token;
    }

    @Override
    public MoodleEmulator start() {
        super.start();
        return this;
    }

    /** {@code baseUrl() + "/webservice/rest/server.php"}. */
    public String serverUrl() {
        return baseUrl() + ENDPOINT;
    }

    // ---- setup and accessors for tests ----

    /** Adds a user; the username is the lower-cased email. */
    public synchronized void addUser(long id, String firstname, String lastname, String email) {
        users.add(id, firstname, lastname, email);
    }

    /** Defines a text user profile field (its name is its shortname). */
    public synchronized void addProfileField(String shortname) {
        users.addProfileField(shortname);
    }

    /** The stored value of a profile field for a user, or {@code null} if never set. */
    public synchronized String profileField(long userId, String shortname) {
        return users.profileField(userId, shortname);
    }

    /** The email currently stored for a user, or {@code null} for an unknown user. */
    public synchronized String email(long userId) {
        return users.email(userId);
    }

    /** The {@code wsfunction} of every request that passed the token check, in order. */
    public synchronized List<String> functionsCalled() {
        return List.copyOf(functionsCalled);
    }

    /** Makes a user a site administrator, whom core_user_update_users does not update for a token of another user. */
    public synchronized void makeSiteAdmin(long id) {
        users.makeSiteAdmin(id);
    }

    /**
     * {@code false}: the token's user has lost moodle/user:update, so core_user_update_users answers
     * {@code required_capability_exception} (still HTTP 200); {@code true} (default): it holds it.
     */
    public synchronized void allowUserUpdates(boolean allowed) {
        users.allowUserUpdates(allowed);
    }

    // ---- serving ----

    @Override
    protected void onReset() {
        users.clear();
        functionsCalled.clear();
    }

    @Override
    protected Response handle(RecordedRequest request) {
        if (!request.path().equals(ENDPOINT)) {
            return Response.text(404, "text/html; charset=utf-8", "<html><body><h1>Not Found</h1></body></html>");
        }
        ObjectNode params = queryParams(request);
        if (request.method().equals("POST")) {
            params.setAll(formParams(request));
        }
        boolean json = params.path("moodlewsrestformat").asText("").equals("json");
        params.remove("moodlewsrestformat");
        MoodleParams.fieldNames(params).stream().filter(k -> k.startsWith("moodlewssetting")).forEach(params::remove);
        JsonNode givenToken = params.remove("wstoken");
        JsonNode function = params.remove("wsfunction");
        try {
            if (givenToken == null || !givenToken.isTextual() || !givenToken.asText().equals(token)) {
                throw new MoodleException("moodle_exception", "invalidtoken", "Invalid token - token not found");
            }
            String name = function == null ? "" : function.asText();
            functionsCalled.add(name);
            JsonNode result = switch (name) {
                case "core_user_get_users_by_field" -> users.getUsersByField(params, baseUrl());
                case "core_user_update_users" -> users.updateUsers(params);
                default -> throw MoodleParams.missingRecord("external_functions");
            };
            return json ? jsonResponse(result) : xmlResponse(MoodleXml.response(result));
        } catch (MoodleException e) {
            ObjectNode error = PHP_JSON.createObjectNode()
                    .put("exception", e.exception).put("errorcode", e.errorcode).put("message", e.getMessage());
            return json ? jsonResponse(error) : xmlResponse(MoodleXml.error(e.exception, e.errorcode, e.getMessage()));
        }
    }

    private static Response jsonResponse(JsonNode value) {
        try {
            String text = PHP_JSON.writeValueAsString(value).replace("/", "\\/");
            return new Response(200, "application/json", text.getBytes(StandardCharsets.UTF_8), NO_CACHE_HEADERS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response xmlResponse(String xml) {
        return new Response(200, "application/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8), NO_CACHE_HEADERS)
                .withHeader("Content-Disposition", "inline; filename=\"response.xml\"");
    }
}
