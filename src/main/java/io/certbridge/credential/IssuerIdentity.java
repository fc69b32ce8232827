package io.certbridge.credential;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.shared.HubSettings;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * Who issues the hub's credentials: did:web of the public base URL, with the profile shown in each
 * credential, and the public URLs built from that base. Sandbox credentials have an issuer of their
 * own, {@code <did>:sandbox}, so that a test key can never mint a credential of the live issuer.
 */
@Component
public class IssuerIdentity {

    private final String baseUrl;
    private final String did;
    private final String name;

    public IssuerIdentity(HubSettings settings) {
        this.baseUrl = settings.publicBaseUrl().replaceAll("/+$", "");
        this.did = didWeb(URI.create(baseUrl));
        this.name = settings.issuer().name();
    }

    /** did:web:host[%3Aport][:path:segments], per the did:web method. */
    static String didWeb(URI base) {
        StringBuilder did = new StringBuilder("did:web:")
                .append(URLEncoder.encode(base.getHost(), StandardCharsets.UTF_8));
        if (base.getPort() != -1) {
            did.append("%3A").append(base.getPort());
        }
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("^/+|/+$", "");
        for (String segment : path.isEmpty() ? new String[0] : path.split("/")) {
            did.append(':').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return did.toString();
    }

    public String did(boolean sandbox) {
        return sandbox ? did + ":sandbox" : did;
    }

    /** Whether {@code id} is this hub's live or sandbox DID. */
    public boolean isOwn(String id) {
        return did.equals(id) || did(true).equals(id);
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String verificationMethod(String multikey, boolean sandbox) {
        return did(sandbox) + "#" + multikey;
    }

    /**
     * The verification method of the account that anchors the hub's roots on an EVM chain, named after its
     * CAIP-10 account id, so that an old anchor keeps naming its own account after the key changes.
     */
    public String anchoringMethod(long chainId, String address) {
        return did + "#eip155:" + chainId + ":" + address.toLowerCase(java.util.Locale.ROOT);
    }

    public JsonObject profile(boolean sandbox) {
        return JSON.createObjectBuilder()
                .add("id", did(sandbox))
                .add("type", JSON.createArrayBuilder().add("Profile"))
                .add("name", sandbox ? name + " (sandbox)" : name)
                .add("url", baseUrl)
                .build();
    }
}
