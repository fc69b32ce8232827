package io.certbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MoodleEmulatorTest {

    private static final String TOKEN = "f00dfeedf00dfeedf00dfeedf00dfeed";
    private static final String SAMPLE_TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String CERT_URL = "https://certs.example.com/v/4f1c2a7e-8d9b-4c1e-9a63-0f6b7e2d1c55";
    private static final String XML_PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";
    private static final Path PAYLOADS = Path.of("..", "shared", "reference", "payloads");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MoodleEmulator moodle;

    @BeforeEach
    void startEmulator() {
        moodle = new MoodleEmulator(TOKEN).start();
        moodle.addUser(41, "Ada", "Lovelace", "ada@example.com");
        moodle.addUser(42, "Alan", "Turing", "alan@example.com");
        moodle.addProfileField("certificateurl");
    }

    @AfterEach
    void stopEmulator() {
        moodle.close();
    }

    @Test
    void aBadOrMissingTokenIsHttp200WithTheInvalidTokenJson() throws Exception {
        String expected = payload("moodle-error-invalidtoken.json").strip();

        HttpResponse<String> wrong = post("wstoken=nope&wsfunction=core_user_update_users&moodlewsrestformat=json"
                + "&users[0][id]=41");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).isEqualTo(expected);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/json");

        HttpResponse<String> missing = post("wsfunction=core_user_update_users&moodlewsrestformat=json");
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).isEqualTo(expected);
        assertThat(moodle.functionsCalled()).isEmpty();
    }

    @Test
    void theSampleUpdateRequestStoresTheFieldAndAnswersNoWarnings() throws Exception {
        String[] sample = payload("moodle-core_user_update_users-request.txt").split("\n\n", 2);
        String[] head = sample[0].split("\n");
        String path = head[0].split(" ")[1];
        String contentType = head[2].substring("Content-Type: ".length());
        String body = sample[1].strip().replace("wstoken=" + SAMPLE_TOKEN, "wstoken=" + TOKEN);

        HttpResponse<String> response = send("POST", path, contentType, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"warnings\":[]}");
        assertThat(moodle.profileField(41, "certificateurl")).isEqualTo(CERT_URL);
        assertThat(moodle.profileField(42, "certificateurl")).isNull();
        assertThat(moodle.functionsCalled()).containsExactly("core_user_update_users");
        assertThat(moodle.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(MoodleEmulator.ENDPOINT);
            assertThat(r.form()).contains(Map.entry("users[0][customfields][0][type]", "certificateurl"),
                    Map.entry("users[0][customfields][0][value]", CERT_URL));
        });
    }

    @Test
    void aMissingOrNonNumericIdIsAnInvalidParameter() throws Exception {
        String expected = payload("moodle-error-invalidparameter.json").strip();
        String call = "wstoken=" + TOKEN + "&wsfunction=core_user_update_users&moodlewsrestformat=json";
        String field = "&users[0][customfields][0][type]=certificateurl&users[0][customfields][0][value]=x";

        assertThat(post(call + field).body()).isEqualTo(expected);
        assertThat(post(call + "&users[0][id]=abc" + field).body()).isEqualTo(expected);
        assertThat(post(call + "&users[0][id]=041" + field).body()).isEqualTo(expected);
        assertThat(post(call + "&users[0][id]=41&users[0][customfields][0][type]=certificateurl").body())
                .as("customfield value missing").isEqualTo(expected);
        assertThat(post(call + "&users[0][id]=41&users[0][nosuchkey]=1").body())
                .as("unexpected key").isEqualTo(expected);
        assertThat(post(call).body()).as("no users").isEqualTo(expected);
        assertThat(moodle.profileField(41, "certificateurl")).isNull();
    }

    @Test
    void anUnknownUserOrASiteAdminIsAWarningWithHttp200AndTheOthersAreUpdated() throws Exception {
        moodle.makeSiteAdmin(42);
        String call = "wstoken=" + TOKEN + "&wsfunction=core_user_update_users&moodlewsrestformat=json"
                + "&users[0][id]=41&users[0][customfields][0][type]=certificateurl&users[0][customfields][0][value]=a"
                + "&users[1][id]=999&users[1][customfields][0][type]=certificateurl&users[1][customfields][0][value]=b"
                + "&users[2][id]=42&users[2][customfields][0][type]=certificateurl&users[2][customfields][0][value]=c";

        HttpResponse<String> response = post(call);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tree(response.body())).isEqualTo(tree("{\"warnings\":["
                + "{\"item\":\"user\",\"itemid\":999,\"warningcode\":\"invaliduserid\","
                + "\"message\":\"Invalid user id\"},"
                + "{\"item\":\"user\",\"itemid\":42,\"warningcode\":\"usernotupdatedadmin\","
                + "\"message\":\"Cannot update admin accounts\"}]}"));
        assertThat(moodle.profileField(41, "certificateurl")).as("each user on its own").isEqualTo("a");
        assertThat(moodle.profileField(42, "certificateurl")).isNull();
    }

    @Test
    void withoutTheCapabilityToUpdateUsersTheAnswerIsAnExceptionWithHttp200() throws Exception {
        moodle.allowUserUpdates(false);

        HttpResponse<String> response = post("wstoken=" + TOKEN + "&wsfunction=core_user_update_users"
                + "&moodlewsrestformat=json&users[0][id]=41&users[0][customfields][0][type]=certificateurl"
                + "&users[0][customfields][0][value]=a");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tree(response.body())).isEqualTo(tree("{\"exception\":\"required_capability_exception\","
                + "\"errorcode\":\"nopermissions\",\"message\":\"Sorry, but you do not currently have permissions "
                + "to do that (Update user profile).\"}"));
        assertThat(moodle.profileField(41, "certificateurl")).isNull();
    }

    @Test
    void undefinedProfileFieldsAreIgnoredAndOtherFieldsUpdate() throws Exception {
        HttpResponse<String> response = post("wstoken=" + TOKEN + "&wsfunction=core_user_update_users"
                + "&moodlewsrestformat=json&users[0][id]=41&users[0][email]=ada.l%40example.com"
                + "&users[0][customfields][0][type]=nosuchfield&users[0][customfields][0][value]=x");
        assertThat(response.body()).isEqualTo("{\"warnings\":[]}");
        assertThat(moodle.profileField(41, "nosuchfield")).isNull();
        assertThat(moodle.email(41)).isEqualTo("ada.l@example.com");
    }

    @Test
    void anUnknownFunctionIsAMissingExternalFunction() throws Exception {
        HttpResponse<String> response = post("wstoken=" + TOKEN + "&wsfunction=core_nothing&moodlewsrestformat=json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tree(response.body())).isEqualTo(tree("{\"exception\":\"dml_missing_record_exception\","
                + "\"errorcode\":\"invalidrecord\","
                + "\"message\":\"Can't find data record in database table external_functions.\"}"));
        assertThat(moodle.functionsCalled()).containsExactly("core_nothing");
    }

    @Test
    void usersAreFoundByEmailIdOrUsername() throws Exception {
        String call = "wstoken=" + TOKEN + "&wsfunction=core_user_get_users_by_field&moodlewsrestformat=json";

        JsonNode byEmail = tree(post(call + "&field=email&values%5B0%5D=ada%40example.com").body());
        assertThat(byEmail).hasSize(1);
        JsonNode ada = byEmail.get(0);
        assertThat(ada.get("id").isIntegralNumber()).isTrue();
        assertThat(ada.get("id").asLong()).isEqualTo(41);
        assertThat(ada.get("fullname").asText()).isEqualTo("Ada Lovelace");
        assertThat(ada.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(ada.has("customfields")).isFalse();

        assertThat(tree(post(call + "&field=email&values[0]=nobody%40example.com").body())).isEmpty();
        JsonNode byId = tree(post(call + "&field=id&values[0]=42&values[1]=41&values[2]=999").body());
        assertThat(byId.findValuesAsText("username")).containsExactly("ada@example.com", "alan@example.com");
        assertThat(tree(post(call + "&field=username&values[0]=alan%40example.com").body()).at("/0/id").asLong())
                .isEqualTo(42);

        post("wstoken=" + TOKEN + "&wsfunction=core_user_update_users&moodlewsrestformat=json&users[0][id]=41"
                + "&users[0][customfields][0][type]=certificateurl&users[0][customfields][0][value]="
                + "https%3A%2F%2Fcerts.example.com%2Fv%2F1");
        HttpResponse<String> withField = post(call + "&field=id&values[0]=41");
        assertThat(withField.body()).as("PHP json_encode escapes slashes").contains("https:\\/\\/certs.example.com\\/v\\/1");
        assertThat(tree(withField.body()).at("/0/customfields/0")).isEqualTo(tree("{\"type\":\"text\","
                + "\"value\":\"https://certs.example.com/v/1\",\"displayvalue\":\"https://certs.example.com/v/1\","
                + "\"name\":\"certificateurl\",\"shortname\":\"certificateurl\"}"));

        assertThat(tree(post(call + "&field=id&values[0]=x").body()).get("errorcode").asText()).isEqualTo("invalidparameter");
        assertThat(tree(post(call + "&field=city&values[0]=x").body()).get("exception").asText())
                .isEqualTo("coding_exception");
    }

    @Test
    void withoutTheJsonFormatMoodleAnswersXml() throws Exception {
        HttpResponse<String> error = post("wstoken=nope&wsfunction=core_user_update_users");
        assertThat(error.statusCode()).isEqualTo(200);
        assertThat(error.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");
        assertThat(error.body()).isEqualTo(XML_PROLOG + "<EXCEPTION class=\"moodle_exception\">\n"
                + "<ERRORCODE>invalidtoken</ERRORCODE>\n<MESSAGE>Invalid token - token not found</MESSAGE>\n</EXCEPTION>\n");

        HttpResponse<String> updated = post("wstoken=" + TOKEN + "&wsfunction=core_user_update_users"
                + "&users[0][id]=41&users[0][customfields][0][type]=certificateurl&users[0][customfields][0][value]=a%26b");
        assertThat(updated.body()).isEqualTo(XML_PROLOG + "<RESPONSE>\n<SINGLE>\n<KEY name=\"warnings\"><MULTIPLE>\n"
                + "</MULTIPLE>\n</KEY>\n</SINGLE>\n</RESPONSE>\n");

        HttpResponse<String> found = post("wstoken=" + TOKEN + "&wsfunction=core_user_get_users_by_field"
                + "&moodlewsrestformat=xml&field=id&values[0]=41");
        assertThat(found.body()).startsWith(XML_PROLOG + "<RESPONSE>\n<MULTIPLE>\n<SINGLE>\n<KEY name=\"id\"><VALUE>41</VALUE>\n</KEY>\n")
                .contains("<KEY name=\"suspended\"><VALUE>0</VALUE>\n</KEY>")
                .contains("<KEY name=\"value\"><VALUE>a&amp;b</VALUE>\n</KEY>")
                .endsWith("</SINGLE>\n</MULTIPLE>\n</RESPONSE>\n");
    }

    @Test
    void parametersMayComeFromTheQueryString() throws Exception {
        HttpResponse<String> get = send("GET", MoodleEmulator.ENDPOINT + "?wstoken=" + TOKEN
                + "&wsfunction=core_user_get_users_by_field&moodlewsrestformat=json&field=id&values%5B0%5D=41", null, null);
        assertThat(tree(get.body()).at("/0/id").asLong()).isEqualTo(41);

        HttpResponse<String> mixed = send("POST", MoodleEmulator.ENDPOINT + "?wstoken=" + TOKEN
                        + "&wsfunction=core_user_update_users&moodlewsrestformat=json",
                "application/x-www-form-urlencoded",
                "users[0][id]=42&users[0][customfields][0][type]=certificateurl&users[0][customfields][0][value]=q");
        assertThat(mixed.body()).isEqualTo("{\"warnings\":[]}");
        assertThat(moodle.profileField(42, "certificateurl")).isEqualTo("q");

        HttpResponse<String> jsonBody = send("POST", MoodleEmulator.ENDPOINT + "?wstoken=" + TOKEN
                + "&wsfunction=core_user_update_users&moodlewsrestformat=json", "application/json", "{\"users\":[{\"id\":41}]}");
        assertThat(tree(jsonBody.body()).get("errorcode").asText()).as("PHP does not read JSON bodies")
                .isEqualTo("invalidparameter");
    }

    @Test
    void faultsAndDelaysApply() throws Exception {
        moodle.failNext(1, 503, "text/html", "<html>Service Unavailable</html>");
        String call = "wstoken=" + TOKEN + "&wsfunction=core_user_get_users_by_field&moodlewsrestformat=json"
                + "&field=id&values[0]=41";
        HttpResponse<String> failed = post(call);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).contains("Service Unavailable");
        assertThat(moodle.functionsCalled()).isEmpty();

        moodle.delayResponses(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThat(post(call).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(moodle.requests()).hasSize(2);
        assertThat(moodle.requests("/webservice/")).hasSize(2);
        assertThat(send("GET", "/login/index.php", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void resetForgetsUsersFieldsAndCalls() throws Exception {
        post("wstoken=" + TOKEN + "&wsfunction=core_user_get_users_by_field&moodlewsrestformat=json&field=id&values[0]=41");
        moodle.reset();
        assertThat(moodle.functionsCalled()).isEmpty();
        assertThat(moodle.requests()).isEmpty();
        assertThat(tree(post("wstoken=" + TOKEN + "&wsfunction=core_user_get_users_by_field&moodlewsrestformat=json"
                + "&field=id&values[0]=41").body())).isEmpty();
    }

    // ---- helpers ----

    private HttpResponse<String> post(String form) throws IOException, InterruptedException {
        return send("POST", MoodleEmulator.ENDPOINT, "application/x-www-form-urlencoded", form);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(moodle.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String payload(String name) throws IOException {
        return Files.readString(PAYLOADS.resolve(name));
    }

    private static JsonNode tree(String json) throws IOException {
        return MAPPER.readTree(json);
    }
}
