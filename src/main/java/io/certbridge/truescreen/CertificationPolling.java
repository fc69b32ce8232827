package io.certbridge.truescreen;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks TrueScreen about the certifications no callback told of for the account's poll-interval
 * ({@code GET /v1/certifications/{reportId}}): completed ones have their artifacts fetched, a 500 TS-014 fails them;
 * called every second by routes/outside-issuance-tracking.
 */
@Component("trueScreenPolling")
public class CertificationPolling {

    private static final Logger log = LoggerFactory.getLogger(CertificationPolling.class);
    private static final int PER_POLL = 50;

    private final TrueScreenSettings settings;
    private final Certifications certifications;
    private final CertificationResults results;
    private final TrueScreenApi api;

    CertificationPolling(TrueScreenSettings settings, Certifications certifications, CertificationResults results,
                         TrueScreenApi api) {
        this.settings = settings;
        this.certifications = certifications;
        this.results = results;
        this.api = api;
    }

    public void poll() {
        settings.truescreen().forEach((name, account) -> {
            for (Certifications.Row row : certifications.quiet(name, account.pollIntervalOrDefault(), PER_POLL)) {
                try {
                    TrueScreenAnswer answer = api.call(account, "GET", "/v1/certifications/" + row.reportId(), null);
                    if (answer.status() == 500 && "TS-014".equals(answer.code())) {
                        results.failed(name, row.reportId(), answer.status(), answer.body());
                    } else if (!answer.ok() || !results.seen(name, answer.body())
                            || "pending".equals(answer.body().path("status").asText())) {
                        certifications.checked(row.reportId());
                    }
                } catch (RuntimeException e) {
                    log.warn("Asking TrueScreen account {} about certification {} failed: {}; asked again in {}",
                            name, row.reportId(), e.getMessage(), account.pollIntervalOrDefault());
                    certifications.checked(row.reportId());
                    return;
                }
            }
        });
    }
}
