package io.certbridge.issuers.vec;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds a certificate at VEC.digital the way its guide says to when an upload is refused as a duplicate: the list
 * filtered by the applicant's email ({@code ?applicant_email=}), then searched by it ({@code ?search=}), taking the
 * vault certificate with the same title and issue date. Used before uploading again after a call whose outcome
 * the hub never heard, and after a 422 "already exists".
 */
@Component
class VaultLookup {

    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 5;

    private final VaultClient client;

    VaultLookup(VaultClient client) {
        this.client = client;
    }

    /** The vault certificate (a list item: uuid, reference_id, status…) that is this entry, if VEC.digital has it. */
    Optional<JsonNode> find(String issuer, VaultEntry entry) throws InterruptedException {
        String email = URLEncoder.encode(entry.email().strip(), StandardCharsets.UTF_8);
        Optional<JsonNode> found = find(issuer, entry, "applicant_email=" + email);
        return found.isPresent() ? found : find(issuer, entry, "search=" + email);
    }

    private Optional<JsonNode> find(String issuer, VaultEntry entry, String filter) throws InterruptedException {
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode list = client.call(issuer, "GET", VaultClient.VAULT + "?" + filter + "&per_page=" + PER_PAGE
                    + "&page=" + page, null).json();
            for (JsonNode item : list.path("data")) {
                if (VaultEntry.Key.of(item).equals(entry.key())) {
                    return Optional.of(item);
                }
            }
            if (list.path("links").path("next").isNull() || list.path("links").path("next").isMissingNode()) {
                break;
            }
        }
        return Optional.empty();
    }
}
