package io.certbridge.issuers;

import java.util.Arrays;
import java.util.Optional;

/**
 * The outside services certificates can be issued through, with what an account of each needs when its settings do
 * not say: TRUE's Standard plan (60 requests a minute, batches of 100), SwanShare's 120 requests a minute, and
 * VEC.digital's vault.
 */
public enum IssuerType {
    TRUE("true", 60, 100, true, true),
    SWANSHARE("swanshare", 120, 100, false, false),
    VEC_VAULT("vec-vault", 60, 100, false, false);

    private final String value;
    private final int requestsPerMinute;
    private final int batchSize;
    private final boolean hasTemplates;
    private final boolean forwardsStatusChanges;

    IssuerType(String value, int requestsPerMinute, int batchSize, boolean hasTemplates,
               boolean forwardsStatusChanges) {
        this.value = value;
        this.requestsPerMinute = requestsPerMinute;
        this.batchSize = batchSize;
        this.hasTemplates = hasTemplates;
        this.forwardsStatusChanges = forwardsStatusChanges;
    }

    /**
     * Whether its API takes suspension, reinstatement and revocation: TRUE's does; SwanShare's and VEC.digital's
     * documented APIs have no call for them, so those are changed in their dashboards.
     */
    public boolean forwardsStatusChanges() {
        return forwardsStatusChanges;
    }

    public String value() {
        return value;
    }

    int defaultRequestsPerMinute() {
        return requestsPerMinute;
    }

    int defaultBatchSize() {
        return batchSize;
    }

    /** Whether a template issuing through it names the service's own template ({@code external_template_id}). */
    public boolean hasTemplates() {
        return hasTemplates;
    }

    public static Optional<IssuerType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(IssuerType::value).toList());
    }
}
