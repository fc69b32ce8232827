package io.certbridge.emulator.vec;

import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The institution's API tokens and their permissions. */
final class VecTokens {

    static final Set<String> ALL_PERMISSIONS = Set.of("certificate-vault:list", "certificate-vault:view",
            "certificate-vault:create", "certificate-vault:download", "certificate-vault:update");

    private final Map<String, Set<String>> permissions = new HashMap<>();

    synchronized void put(String token, Set<String> granted) {
        permissions.put(token, Set.copyOf(granted));
    }

    /** The request's bearer token if it is one of ours, else {@code null}. */
    synchronized String authenticate(RecordedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return permissions.containsKey(token) ? token : null;
    }

    /** {@code null} when the token has the permission, else the 403 answer naming it. */
    synchronized Response deny(String token, String permission) {
        if (permissions.get(token).contains(permission)) {
            return null;
        }
        return Response.json(403, VaultJson.JSON.objectNode()
                .put("message", "Forbidden - Insufficient permissions")
                .put("required_permission", permission));
    }
}
