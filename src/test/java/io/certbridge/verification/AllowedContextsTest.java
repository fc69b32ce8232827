package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.Jsonp;
import io.certbridge.credential.SigningKeys;
import io.certbridge.shared.Sha256;
import io.certbridge.support.NodeIssuer;
import io.certbridge.support.TestResources;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * certbridge.verification.contexts: a context the operator allowed (its URL and a file holding it) lets a credential
 * that uses it verify, from the file, without any fetch; the same credential is refused when it is not listed; a file
 * pinned by a SHA-256 it does not have stops the start.
 */
class AllowedContextsTest {

    private static final String URL = "https://academy.example/contexts/badges-v1.jsonld";
    private static final String CONTEXT = """
            {"@context": {"@protected": true, "favouriteColour": "https://academy.example/vocab#favouriteColour"}}""";

    @TempDir
    Path dir;

    @Test
    void aCredentialUsingAnAllowedContextVerifiesAndIsRefusedWhereItIsNotAllowed() throws IOException {
        Path file = Files.writeString(dir.resolve("badges-v1.jsonld"), CONTEXT);
        String pin = HexFormat.of().formatHex(Sha256.of(CONTEXT.getBytes(StandardCharsets.UTF_8)));
        JsonObject credential = signedWithTheContext();

        ProofCheck.Outcome allowed = proofCheck(List.of(new VerificationSettings.AllowedContext(URL, file.toString(), pin)))
                .check(credential);
        ProofCheck.Outcome notAllowed = proofCheck(List.of()).check(credential);

        assertThat(allowed.holds()).as(allowed.checks().toString()).isTrue();
        assertThat(notAllowed.holds()).isFalse();
        assertThat(notAllowed.checks().get(0).detail()).startsWith("unknown context " + URL + ": it is neither bundled");
    }

    @Test
    void aContextFileThatDoesNotHaveItsPinnedSha256StopsTheStart() throws IOException {
        Path file = Files.writeString(dir.resolve("badges-v1.jsonld"), CONTEXT.replace("favouriteColour\"", "colour\""));
        String pin = HexFormat.of().formatHex(Sha256.of(CONTEXT.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> new VerificationContexts(settings(
                List.of(new VerificationSettings.AllowedContext(URL, file.toString(), pin)))))
                .hasMessageContaining("does not have the SHA-256 it is pinned to");
    }

    private static JsonObject signedWithTheContext() {
        var credential = ForeignCredentialsTest.openBadge20();
        credential.withArray("@context").add(URL);
        ((ObjectNode) credential.get("credentialSubject")).put("favouriteColour", "teal");
        Map<String, String> contexts = new HashMap<>(TestResources.publicContexts());
        contexts.put(URL, CONTEXT);
        return Jsonp.object(NodeIssuer.sign(credential, "eddsa-rdfc-2022", null, null, contexts).credential().toString());
    }

    private static ProofCheck proofCheck(List<VerificationSettings.AllowedContext> contexts) {
        IssuerKeys keys = new IssuerKeys(mock(IssuerIdentity.class), mock(SigningKeys.class), mock(DidDocuments.class));
        return new ProofCheck(keys, new VerificationContexts(settings(contexts)));
    }

    private static VerificationSettings settings(List<VerificationSettings.AllowedContext> contexts) {
        return new VerificationSettings(contexts, new VerificationSettings.Fetch(null, 1, null, false));
    }
}
