package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documents a verifier dereferences — the DID documents, the status list credentials and the credentials
 * themselves — answer the Accept headers verifiers' libraries send, labelled with the most specific type that
 * the Accept admits (DID Core's application/did+ld+json and application/did+json, VC 2.0's application/vc and
 * the older application/vc+ld+json, then JSON-LD, then JSON); only an Accept that admits no JSON at all is refused.
 */
class PublicDocumentMediaTypesTest extends HubTestBase {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String JSONLD_JS = "application/ld+json, application/json";

    private static String credentialPath;

    @BeforeEach
    void issueOne() {
        // a certificate, so that status list 0 exists; one is enough for the whole matrix
        if (credentialPath == null) {
            credentialPath = "/credentials/" + api().post("/v1/certificates",
                    certificate(courseTemplate(), "mary@example.org")).body().get("id").asText();
        }
    }

    /** Accept header (null: none sent), then the type a DID document and a credential are answered with (null: 406). */
    static Stream<Arguments> accepts() {
        return Stream.of(
                Arguments.of(null, "application/did+ld+json", "application/vc+ld+json"),
                Arguments.of("*/*", "application/did+ld+json", "application/vc+ld+json"),
                Arguments.of(BROWSER, "application/did+ld+json", "application/vc+ld+json"),
                Arguments.of("application/json", "application/json", "application/json"),
                Arguments.of(JSONLD_JS, "application/ld+json", "application/ld+json"),
                Arguments.of("application/json;q=0.5, application/ld+json", "application/ld+json", "application/ld+json"),
                Arguments.of("application/ld+json;q=0.5, application/json", "application/json", "application/json"),
                Arguments.of("application/did+ld+json", "application/did+ld+json", "application/vc+ld+json"),
                Arguments.of("application/did+json", "application/did+json", "application/vc+ld+json"),
                Arguments.of("application/vc+ld+json", "application/did+ld+json", "application/vc+ld+json"),
                Arguments.of("application/vc", "application/did+ld+json", "application/vc"),
                Arguments.of("application/vc, " + JSONLD_JS + ";q=0.9", "application/ld+json", "application/vc"),
                Arguments.of("application/*+json", "application/did+ld+json", "application/vc+ld+json"),
                Arguments.of("application/*", "application/did+ld+json", "application/vc+ld+json"),
                Arguments.of("text/html", null, null),
                Arguments.of("image/png", null, null),
                Arguments.of("application/xml", null, null),
                Arguments.of("application/json;q=0", null, null));
    }

    @ParameterizedTest(name = "DID documents, Accept: {0}")
    @MethodSource("accepts")
    void didDocuments(String accept, String didDocumentType, String credentialType) throws IOException {
        for (String path : new String[] {"/.well-known/did.json", "/did.json", "/sandbox/did.json"}) {
            assertAnswer(path, accept, didDocumentType);
        }
    }

    @ParameterizedTest(name = "status lists, Accept: {0}")
    @MethodSource("accepts")
    void statusLists(String accept, String didDocumentType, String credentialType) throws IOException {
        for (String path : new String[] {"/status/revocation/0", "/status/suspension/0"}) {
            assertAnswer(path, accept, credentialType);
        }
    }

    @ParameterizedTest(name = "credentials, Accept: {0}")
    @MethodSource("accepts")
    void credentials(String accept, String didDocumentType, String credentialType) throws IOException {
        assertAnswer(credentialPath, accept, credentialType);
    }

    private void assertAnswer(String path, String accept, String expectedType) throws IOException {
        ApiClient.Response response = anonymous().send("GET", path, null,
                accept == null ? Map.of() : Map.of("Accept", accept));
        JsonNode body = ApiClient.json().readTree(response.raw().body());
        if (expectedType == null) {
            assertThat(response.status()).as(path).isEqualTo(406);
            assertThat(response.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(body.get("code").asText()).as(path).isEqualTo("not_acceptable");
            return;
        }
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.contentType()).as(path).isEqualTo(expectedType);
        assertThat(response.header("Vary")).as(path).contains("Accept");
        assertThat(body.get("id").asText()).as(path).isNotEmpty();
        assertThat(body.has("@context")).as(path).isTrue();
    }
}
