package io.certbridge.emulator;

import static io.certbridge.emulator.CanvasJson.errors;
import static io.certbridge.emulator.CanvasJson.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emulates the parts of the Canvas LMS REST API that the hub writes back to (user custom data,
 * submission comments, Inbox conversations), Canvas's request throttling, and the JWKS endpoint and
 * signing keys of HTTPS Live Events. Behaviour follows {@code instructure/canvas-lms}:
 * {@code custom_data_controller.rb}, {@code models/custom_data.rb}, {@code submissions_api_controller.rb},
 * {@code conversations_controller.rb} and {@code middleware/request_throttle.rb}.
 */
public final class CanvasEmulator extends EmulatorServer {

    /** The user the API token belongs to: author of comments and sender of messages. */
    public static final long API_USER_ID = 1;
    public static final String API_USER_NAME = "Certbridge Integration";

    private static final String REQUEST_COST = "0.01";
    private static final Pattern CUSTOM_DATA = Pattern.compile("/api/v1/users/([^/]+)/custom_data(?:/(.*))?");
    private static final Pattern SUBMISSION =
            Pattern.compile("/api/v1/courses/([^/]+)/assignments/([^/]+)/submissions/([^/]+)");

    private final String token;
    private final CanvasCustomData customData = new CanvasCustomData();
    private final CanvasSubmissions submissions = new CanvasSubmissions(this::nextId);
    private final CanvasConversations conversations = new CanvasConversations(this::nextId);
    private final LiveEventKeys liveEventKeys = new LiveEventKeys();
    private int jwksRequests;
    private long lastId = 100;

    public CanvasEmulator(String token) {
        this.token = token;
    }

    @Override
    public CanvasEmulator start() {
        super.start();
        return this;
    }

    /**
     * The next {@code count} API requests are throttled as Canvas's RequestThrottle does: 403, body
     * {@code 403 Forbidden (Rate Limit Exceeded)}, {@code X-Rate-Limit-Remaining: 0.0}, no
     * {@code X-Request-Cost}. The JWKS endpoint (another host in reality) is not throttled.
     */
    public void throttleNext(int count) {
        injectFaults("/api/", count,
                Response.text(403, "text/plain; charset=utf-8", "403 Forbidden (Rate Limit Exceeded)\n")
                        .withHeader("X-Rate-Limit-Remaining", "0.0"));
    }

    // ---- test accessors ----

    /** Everything stored for the user in the namespace, or {@code null}. */
    public synchronized JsonNode customData(String userId, String ns) {
        return customData.data(userId, ns);
    }

    /** The text of each comment on the submission, oldest first. */
    public synchronized List<String> comments(String courseId, String assignmentId, String userId) {
        return submissions.comments(courseId, assignmentId, userId);
    }

    /** Every conversation created, oldest first, each with all its messages (newest first). */
    public synchronized List<JsonNode> conversations() {
        return conversations.all();
    }

    // ---- Live Events signing ----

    public String jwksUrl() {
        return baseUrl() + "/jwks";
    }

    /** A compact RS256 JWS over exactly these bytes, signed with the current (middle) key. */
    public String signLiveEvent(String eventJson) {
        return liveEventKeys.signWithCurrent(eventJson);
    }

    /** Signed with a key whose {@code kid} is not, and never will be, in the JWKS. */
    public String signLiveEventWithUnpublishedKey(String eventJson) {
        return liveEventKeys.signWithUnpublished(eventJson);
    }

    /** Drops the oldest published key, makes next the current one and publishes a new next key. */
    public void rotateKeys() {
        liveEventKeys.rotate();
    }

    public String currentKid() {
        return liveEventKeys.currentKid();
    }

    /** The published kids: previous, current, next. */
    public List<String> publishedKids() {
        return liveEventKeys.publishedKids();
    }

    /** How many times the JWKS was served (fault answers not counted). */
    public synchronized int jwksRequestCount() {
        return jwksRequests;
    }

    // ---- serving ----

    @Override
    protected void onReset() {
        customData.clear();
        submissions.clear();
        conversations.clear();
        jwksRequests = 0;
    }

    @Override
    protected Response handle(RecordedRequest request) {
        if (request.path().equals("/jwks") && request.method().equals("GET")) {
            jwksRequests++;
            return Response.json(200, liveEventKeys.jwks());
        }
        Response response = request.path().startsWith("/api/") && !authorized(request)
                ? Response.json(401, errors("Invalid access token."))
                        .withHeader("WWW-Authenticate", "Bearer realm=\"canvas-lms\"")
                : route(request);
        return response.withHeader("X-Request-Cost", REQUEST_COST).withHeader("X-Rate-Limit-Remaining", "600.0");
    }

    private boolean authorized(RecordedRequest request) {
        String authorization = request.header("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.substring(7).trim().equals(token);
    }

    private Response route(RecordedRequest request) {
        ObjectNode params;
        try {
            params = params(request);
        } catch (IllegalArgumentException malformed) {
            return Response.json(400, errors("Invalid JSON in request body")); // [I] exact Canvas text unknown
        }
        boolean put = request.method().equals("PUT");
        boolean get = request.method().equals("GET");
        Matcher m = CUSTOM_DATA.matcher(request.path());
        if (m.matches() && (put || get)) {
            List<String> scope = m.group(2) == null || m.group(2).isEmpty()
                    ? List.of() : Arrays.asList(m.group(2).split("/"));
            return put ? putCustomData(m.group(1), scope, params) : getCustomData(m.group(1), scope, params);
        }
        m = SUBMISSION.matcher(request.path());
        if (m.matches() && (put || get)) {
            return submission(m.group(1), m.group(2), m.group(3), put, params);
        }
        if (request.path().equals("/api/v1/conversations") && request.method().equals("POST")) {
            return createConversation(params);
        }
        return Response.json(404, errors("The specified resource does not exist."));
    }

    /** Rails params: the JSON or form body, with the query string on top. */
    private static ObjectNode params(RecordedRequest request) {
        JsonNode json = jsonBody(request);
        ObjectNode params = json instanceof ObjectNode object ? object : formParams(request);
        params.setAll(queryParams(request));
        return params;
    }

    private Response putCustomData(String userId, List<String> scope, ObjectNode params) {
        String ns = params.path("ns").asText("");
        if (ns.isBlank()) {
            return Response.json(400, message("invalid namespace"));
        }
        JsonNode data = params.get("data");
        if (data == null || data.isNull()) {
            return Response.json(400, message("no data specified"));
        }
        try {
            boolean overwrite = customData.set(userId, ns, scope, data);
            return Response.json(overwrite ? 200 : 201, dataBody(customData.get(userId, ns, scope)));
        } catch (CanvasCustomData.WriteConflict conflict) {
            return Response.json(409, conflict.body);
        }
    }

    private Response getCustomData(String userId, List<String> scope, ObjectNode params) {
        if (params.path("ns").asText("").isBlank()) {
            return Response.json(400, message("invalid namespace"));
        }
        try {
            return Response.json(200, dataBody(customData.get(userId, params.get("ns").asText(), scope)));
        } catch (CanvasCustomData.NoRecord none) {
            return Response.json(400, message("no data for scope"));
        } catch (CanvasCustomData.InvalidScope invalid) {
            return Response.json(400, message("invalid scope for hash"));
        }
    }

    private Response submission(String courseId, String assignmentId, String userId, boolean put, ObjectNode params) {
        if (!put) {
            boolean withComments = CanvasJson.mentions(params.path("include"), "submission_comments");
            return Response.json(200, submissions.json(baseUrl(), courseId, assignmentId, userId, withComments));
        }
        String text = params.path("comment").path("text_comment").asText("");
        if (!text.isEmpty()) {
            submissions.comment(courseId, assignmentId, userId, text);
        }
        ObjectNode body = submissions.json(baseUrl(), courseId, assignmentId, userId, true);
        body.putArray("all_submissions").add(submissions.json(baseUrl(), courseId, assignmentId, userId, false));
        return Response.json(200, body);
    }

    private Response createConversation(ObjectNode params) {
        List<String> recipients = CanvasJson.list(params.get("recipients"));
        if (recipients.isEmpty()) {
            return Response.json(400, CanvasJson.attributeError("recipients", "blank"));
        }
        String body = params.path("body").asText("");
        if (body.isBlank()) {
            return Response.json(400, CanvasJson.attributeError("body", "blank"));
        }
        String subject = params.path("subject").asText(null);
        if (subject != null && subject.length() > 255) {
            // [I] an ActiveRecord validation error, in Canvas's error-hash shape
            ObjectNode errors = JsonNodeFactory.instance.objectNode();
            errors.putObject("errors").putArray("subject").addObject()
                    .put("attribute", "subject").put("type", "too_long").put("message", "too_long");
            return Response.json(400, errors);
        }
        return Response.json(201, conversations.send(recipients, subject, body,
                CanvasJson.truthy(params.get("group_conversation")), CanvasJson.truthy(params.get("force_new"))));
    }

    private static ObjectNode dataBody(JsonNode data) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("data", data);
        return body;
    }

    private long nextId() {
        return ++lastId;
    }
}
