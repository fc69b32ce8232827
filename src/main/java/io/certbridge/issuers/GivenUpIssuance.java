package io.certbridge.issuers;

import io.certbridge.delivery.Recorded;
import io.certbridge.issuance.OutsideIssuance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Certificates whose issuing was given up (refused by the service, or unanswered past the retry policy) are
 * {@code failed}, with the last error, so that the certificate itself says why it never came.
 */
@Component
public class GivenUpIssuance {

    private final OutsideIssuance issuance;

    GivenUpIssuance(OutsideIssuance issuance) {
        this.issuance = issuance;
    }

    /** Call from an ISSUE connector's {@code recorded}. */
    public void mark(List<Recorded> outcomes) {
        Map<String, String> failed = new LinkedHashMap<>();
        outcomes.stream().filter(Recorded::givenUp)
                .forEach(r -> failed.put(r.delivery().certificateId(), r.outcome().error()));
        issuance.refused(failed);
    }
}
