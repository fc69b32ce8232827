package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.support.OutsideSystems;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;

/**
 * connectors/salesforce-update-sobject-sink against the emulated org, through the salesforceRest component the hub
 * builds from certbridge.salesforce.*: the body's fields are PATCHed onto the record; Salesforce's refusals are
 * thrown with their status and error code; an expired session logs in again and the call is sent once more.
 */
class SalesforceUpdateSObjectSinkTest extends KameletTestBase {

    private static final String KAMELET = "salesforce-update-sobject-sink";
    private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String FIELDS = """
            {"Certificate_URL__c":"https://hub.example/verify/cert_1","Certificate_Status__c":"issued"}""";

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();
    private final String contact = "003" + ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L);

    private Exchange update(String recordId) {
        return call(KAMELET, Map.of("salesforceObject", "Contact", "salesforceRecordId", recordId), FIELDS);
    }

    private List<RecordedRequest> patches() {
        return salesforce.requests("/services/data/v62.0/sobjects/Contact/" + contact);
    }

    private static String errorCode(Exception failure) {
        return ((SalesforceException) failure).getErrors().stream().map(RestError::getErrorCode).findFirst()
                .orElseThrow();
    }

    @Test
    void theBodysFieldsArePatchedOntoTheRecord() throws Exception {
        salesforce.createRecord("Contact", contact, Map.of("LastName", "Lovelace"));

        Exchange answered = update(contact);

        assertThat(answered.getException()).isNull();
        assertThat(salesforce.record("Contact", contact)).containsEntry("LastName", "Lovelace")
                .containsEntry("Certificate_URL__c", "https://hub.example/verify/cert_1")
                .containsEntry("Certificate_Status__c", "issued");
        assertThat(patches()).singleElement().satisfies(patch -> {
            assertThat(patch.method()).isEqualTo("PATCH");
            assertThat(patch.header("Authorization")).startsWith("Bearer ");
            assertThat(new ObjectMapper().readTree(patch.body())).isEqualTo(new ObjectMapper().readTree(FIELDS));
        });
    }

    @Test
    void aRecordThatIsNotThereIsThrownAsSalesforcesNotFound() {
        Exchange answered = update(contact);

        assertThat(answered.getException()).isInstanceOfSatisfying(SalesforceException.class,
                failure -> assertThat(failure.getStatusCode()).isEqualTo(404));
        assertThat(errorCode(answered.getException())).isEqualTo("NOT_FOUND");
    }

    @Test
    void aRecordLockedByAnotherTransactionIsThrownWithItsErrorCode() {
        salesforce.createRecord("Contact", contact, Map.of("LastName", "Lovelace"));
        salesforce.lockRecord(contact, 1);

        Exchange answered = update(contact);

        assertThat(answered.getException()).isInstanceOfSatisfying(SalesforceException.class,
                failure -> assertThat(failure.getStatusCode()).isEqualTo(400));
        assertThat(errorCode(answered.getException())).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(salesforce.record("Contact", contact)).doesNotContainKey("Certificate_Status__c");
    }

    @Test
    void anExpiredSessionLogsInAgainAndSendsOnceMore() {
        salesforce.createRecord("Contact", contact, Map.of("LastName", "Lovelace"));
        update(contact);
        int logins = salesforce.tokenRequests(JWT_GRANT);
        salesforce.failNext("/services/data/v62.0/sobjects/Contact/" + contact, 1, 401,
                "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        salesforce.createRecord("Contact", contact, Map.of("LastName", "Lovelace"));

        Exchange answered = update(contact);

        assertThat(answered.getException()).isNull();
        assertThat(salesforce.tokenRequests(JWT_GRANT)).isGreaterThan(logins);
        assertThat(patches()).hasSize(3);
        assertThat(salesforce.record("Contact", contact)).containsEntry("Certificate_Status__c", "issued");
    }
}
