package io.certbridge.api.keys;

import io.certbridge.shared.Cidr;
import io.certbridge.shared.problems.FieldError;
import java.util.List;

/** What a new API key's name and allowed networks must be, the same by the API and by the console. */
public final class NewKeyChecks {

    /** A key's networks: enough for any real allowlist, few enough to check on every request. */
    static final int MAX_NETWORKS = 100;

    private NewKeyChecks() {
    }

    public static void name(String name, List<FieldError> errors) {
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError("name", "is required (1 to 200 characters)"));
        }
    }

    /** Adds each of {@code given} that is a network to {@code networks}, and an error for each that is not. */
    public static void networks(List<String> given, List<FieldError> errors, List<Cidr> networks) {
        if (given == null) {
            return;
        }
        if (given.size() > MAX_NETWORKS) {
            errors.add(new FieldError("allowed_networks", "may list at most " + MAX_NETWORKS + " networks"));
            return;
        }
        for (int i = 0; i < given.size(); i++) {
            try {
                networks.add(Cidr.parse(given.get(i) == null ? "" : given.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("allowed_networks[" + i + "]",
                        "is not a network (CIDR) such as 10.0.0.0/8 or 2001:db8::/32"));
            }
        }
    }
}
