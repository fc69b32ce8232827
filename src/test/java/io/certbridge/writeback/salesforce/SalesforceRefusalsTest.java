package io.certbridge.writeback.salesforce;

import static io.certbridge.delivery.Deliveries.claimed;
import static io.certbridge.delivery.Deliveries.retried;
import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.delivery.Result;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;

/**
 * Salesforce's refusals that pass, as its REST API documents them: a record another transaction holds
 * (UNABLE_TO_LOCK_ROW) and the org's API limit of the day (REQUEST_LIMIT_EXCEEDED); any other error fails at once.
 */
class SalesforceRefusalsTest {

    @Test
    void aLockedRecordAndTheDailyLimitPassOtherSalesforceErrorsDoNot() {
        assertThat(result(400, "UNABLE_TO_LOCK_ROW")).isEqualTo(Result.BUSY);
        assertThat(result(403, "REQUEST_LIMIT_EXCEEDED")).isEqualTo(Result.THROTTLED);
        assertThat(result(400, "INVALID_FIELD")).isEqualTo(Result.REFUSED);
        assertThat(result(404, "NOT_FOUND")).isEqualTo(Result.REFUSED);
        assertThat(SalesforceRecordConnector.result(400, List.of("UNABLE_TO_LOCK_ROW"))).isEqualTo(Result.BUSY);
        assertThat(SalesforceRecordConnector.result(429, List.of())).isEqualTo(Result.THROTTLED);
        assertThat(SalesforceRecordConnector.result(400, List.of("INVALID_FIELD"))).isEqualTo(Result.REFUSED);
    }

    @Test
    void whatPassesIsRetriedAndTheRestIsNot() {
        var writeback = claimed(SalesforceRecordConnector.NAME, Map.of("record_id", "003000000000001AAA"));
        assertThat(retried(SalesforceRecordConnector.outcome(writeback, salesforce(400, "UNABLE_TO_LOCK_ROW"))))
                .isTrue();
        assertThat(retried(SalesforceRecordConnector.outcome(writeback, salesforce(400, "INVALID_FIELD")))).isFalse();
    }

    private static Result result(int status, String errorCode) {
        return SalesforceRecordConnector.outcome(claimed(SalesforceRecordConnector.NAME, Map.of()),
                salesforce(status, errorCode)).result();
    }

    private static SalesforceException salesforce(int status, String errorCode) {
        return new SalesforceException(List.of(new RestError(errorCode, "refused")), status);
    }
}
