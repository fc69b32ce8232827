package io.certbridge.vcapi;

import io.certbridge.credential.StatusLists;
import io.certbridge.credential.StatusPurpose;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotFound;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Revoking, suspending and unsuspending a credential issued through the VC API (VC API "update status"), named by
 * its id or, as DCC's status service does, by the id of one of its status entries ({@code <list>#<position>}).
 * Revocation is final; the changed bit shows in the status list credential at its next fetch.
 */
@Component
class VcApiStatus {

    /** What each status the request may ask for makes the credential's stored status. */
    private static final Map<String, String> STORED = Map.of(
            "revoked", "revoked", "suspended", "suspended", "unsuspended", "issued");
    private static final List<String> TYPES = List.of("BitstringStatusListCredential", "BitstringStatusListEntry");

    record Update(String credentialId, List<String> statuses) {

        static Update read(JsonObject sent) {
            if (!(sent.get("credentialId") instanceof JsonString id) || id.getString().isBlank()) {
                throw new MalformedInput("invalid_type", "is required: the credential's id or its status entry's id",
                        "credentialId");
            }
            JsonValue given = sent.get("credentialStatus");
            List<JsonValue> entries = given instanceof JsonArray array ? array
                    : given instanceof JsonObject single ? List.of(single) : List.of();
            if (entries.isEmpty()) {
                throw new MalformedInput("invalid_type", "is required: [{type, status}] with a status of "
                        + String.join(", ", STORED.keySet()), "credentialStatus");
            }
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                String field = "credentialStatus[" + i + "]";
                if (!(entries.get(i) instanceof JsonObject entry)) {
                    throw new MalformedInput("invalid_type", "must be an object {type, status}", field);
                }
                if (!(entry.get("type") instanceof JsonString type) || !TYPES.contains(type.getString())) {
                    throw new MalformedInput("invalid_value", "type must be one of " + TYPES
                            + ": the hub keeps Bitstring Status Lists", field + ".type");
                }
                if (!(entry.get("status") instanceof JsonString status) || !STORED.containsKey(status.getString())) {
                    throw new MalformedInput("invalid_value", "status must be one of " + STORED.keySet(),
                            field + ".status");
                }
                statuses.add(status.getString());
            }
            return new Update(id.getString(), statuses);
        }
    }

    private final VcApiCredentials credentials;
    private final StatusLists statusLists;

    VcApiStatus(VcApiCredentials credentials, StatusLists statusLists) {
        this.credentials = credentials;
        this.statusLists = statusLists;
    }

    /** The credential as it stands after the update; a test key sees only sandbox credentials. */
    VcApiCredentials.Recorded update(Update update, boolean sandbox) {
        VcApiCredentials.Recorded credential = find(update.credentialId())
                .filter(found -> found.sandbox() == sandbox)
                .orElseThrow(() -> new NotFound("credential", update.credentialId()));
        for (String status : update.statuses()) {
            String stored = STORED.get(status);
            if (!credentials.changeStatus(credential.id(), stored) && !stored.equals("revoked")) {
                throw new Conflict("credential_revoked", "The credential " + credential.id()
                        + " is revoked, for good: it cannot be " + status);
            }
        }
        return credentials.byId(credential.id()).orElseThrow();
    }

    private Optional<VcApiCredentials.Recorded> find(String id) {
        Optional<VcApiCredentials.Recorded> byId = credentials.byId(id);
        int hash = id.lastIndexOf('#');
        if (byId.isPresent() || hash < 0) {
            return byId;
        }
        for (StatusPurpose purpose : StatusPurpose.values()) {
            Optional<Long> index = statusLists.ownIndex(id.substring(0, hash), purpose, id.substring(hash + 1));
            if (index.isPresent()) {
                return credentials.byStatusIndex(index.get());
            }
        }
        return Optional.empty();
    }
}
