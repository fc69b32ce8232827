package io.certbridge.writeback;

import io.certbridge.writeback.Writebacks.Claimed;
import io.certbridge.backbone.CertificateEvents;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records how a send went. A failure that may pass (a timeout, a 5xx, 429, Canvas's 403 "Rate Limit
 * Exceeded", Salesforce's UNABLE_TO_LOCK_ROW and REQUEST_LIMIT_EXCEEDED) is tried again after an exponential
 * back-off with jitter; one that will not (another 4xx, Moodle's error JSON or a warning naming the user, a
 * Salesforce error other than an expired session, which camel-salesforce handles by logging in again), or
 * the last allowed try, leaves the write-back failed, in the dead-letter list, and announces
 * writeback.failed with it.
 */
@Component
public class WritebackOutcomes {

    private static final Logger log = LoggerFactory.getLogger(WritebackOutcomes.class);
    private static final int MAX_ERROR = 500;
    /** Salesforce's refusals that pass: a record another transaction holds, and the org's API limit of the day. */
    private static final Set<String> PASSING_SALESFORCE_ERRORS = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED");

    private final Writebacks writebacks;
    private final WritebackSettings settings;
    private final CertificateEvents events;
    private final TransactionTemplate transaction;

    WritebackOutcomes(Writebacks writebacks, WritebackSettings settings, CertificateEvents events,
                      TransactionTemplate transaction) {
        this.writebacks = writebacks;
        this.settings = settings;
        this.events = events;
        this.transaction = transaction;
    }

    public void delivered(Exchange exchange) {
        Claimed writeback = exchange.getProperty(WritebackMessages.WRITEBACK, Claimed.class);
        Optional<WritebackRejected> refusal =
                MoodleWarnings.refusal(writeback, exchange.getMessage().getBody(String.class));
        if (refusal.isPresent()) {
            recordFailure(writeback, refusal.get());
        } else {
            recordDelivered(writeback);
        }
    }

    public void failed(Exchange exchange) {
        recordFailure(exchange.getProperty(WritebackMessages.WRITEBACK, Claimed.class),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    void recordDelivered(Claimed writeback) {
        writebacks.delivered(writeback);
    }

    /** Records a failed try: due again after a back-off (one WARN line), or given up (one ERROR line). */
    void recordFailure(Claimed writeback, Exception failure) {
        String error = describe(failure);
        if (mayPass(failure) && writeback.attempts() < settings.maxAttempts()) {
            writebacks.retryLater(writeback, backoff(writeback.attempts()), error).ifPresent(next -> log.warn(
                    "Write-back {} to {} {} failed on attempt {} of {}: {}; next attempt at {}", writeback.id(),
                    writeback.connector(), writeback.target(), writeback.attempts(), settings.maxAttempts(), error,
                    next));
            return;
        }
        Boolean givenUp = transaction.execute(status -> {
            if (!writebacks.failed(writeback, error)) {
                return false;
            }
            events.announce("writeback.failed", writeback.id(), Map.of("id", writeback.id(),
                    "certificate_id", writeback.certificateId(), "connector", writeback.connector(),
                    "livemode", writeback.livemode(), "attempts", writeback.attempts(), "error", error));
            return true;
        });
        if (Boolean.TRUE.equals(givenUp)) {
            log.error("Write-back {} to {} {} given up after {} attempt(s), now a dead letter: {}", writeback.id(),
                    writeback.connector(), writeback.target(), writeback.attempts(), error);
        } else {
            log.warn("Write-back {} to {} {} failed on attempt {}: {}; sent again now with its certificate's new "
                    + "status", writeback.id(), writeback.connector(), writeback.target(), writeback.attempts(), error);
        }
    }

    /** Exponential from the first back-off, capped, and spread over its upper half so retries do not bunch. */
    Duration backoff(int attempts) {
        long first = settings.firstBackoff().toMillis();
        long ceiling = Math.min(settings.maxBackoff().toMillis(), first << Math.min(attempts - 1, 30));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    static boolean mayPass(Exception failure) {
        if (failure instanceof WritebackRejected) {
            return false;
        }
        if (failure instanceof HttpOperationFailedException http) {
            return mayPass(http.getStatusCode())
                    || http.getStatusCode() == 403 && String.valueOf(http.getResponseBody()).contains("Rate Limit Exceeded");
        }
        if (failure instanceof SalesforceException salesforce && salesforce.getStatusCode() != 0) {
            return mayPass(salesforce.getStatusCode()) || salesforce.getErrors() != null && salesforce.getErrors()
                    .stream().map(RestError::getErrorCode).anyMatch(PASSING_SALESFORCE_ERRORS::contains);
        }
        if (failure instanceof SalesforceWritebacks.SubrequestFailed subrequest) {
            return mayPass(subrequest.status)
                    || subrequest.errorCodes.stream().anyMatch(PASSING_SALESFORCE_ERRORS::contains);
        }
        return true;
    }

    private static boolean mayPass(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** The failure in one line, as short as the dead-letter list keeps it. */
    private static String describe(Exception failure) {
        String text = failure instanceof HttpOperationFailedException http
                ? "HTTP " + http.getStatusCode() + ": " + String.valueOf(http.getResponseBody()).strip()
                : failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        text = text.replaceAll("\\s+", " ");
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
