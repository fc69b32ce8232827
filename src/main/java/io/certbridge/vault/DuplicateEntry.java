package io.certbridge.vault;

import io.certbridge.shared.problems.InvalidInput;
import java.util.Map;

/**
 * The vault has this certificate already: an entry for the same recipient e-mail, title and issue date. The problem
 * names it ({@code existing}: its id and address), so that the caller can look at it, or retry it if it failed.
 */
final class DuplicateEntry extends InvalidInput {

    static final String CODE = "duplicate_entry";

    private final String existingId;

    DuplicateEntry(String existingId) {
        super(CODE, "duplicates vault entry " + existingId + " (" + address(existingId)
                + "): the same recipient e-mail, title and issue date", "recipient_email");
        this.existingId = existingId;
    }

    static String address(String entryId) {
        return "/v1/vault/" + entryId;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("existing", Map.of("id", existingId, "url", address(existingId)));
    }
}
