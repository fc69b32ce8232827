package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.support.OutsideSystems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.junit.jupiter.api.Test;

/**
 * connectors/salesforce-composite-sink against the emulated org: the body is POSTed to the composite resource of the
 * configured API version, and the answer is Salesforce's compositeResponse as text, one entry per subrequest with its
 * own status (with allOrNone false, one record's error holds back no other); a call refused as a whole is thrown.
 */
class SalesforceCompositeSinkTest extends KameletTestBase {

    private static final String KAMELET = "salesforce-composite-sink";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();

    private static String contactId() {
        return "003" + ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L);
    }

    private static Map<String, Object> patch(String contact) {
        return Map.of("method", "PATCH", "url", "/services/data/v62.0/sobjects/Contact/" + contact,
                "referenceId", "wb_" + contact, "body", Map.of("Certificate_Status__c", "issued"));
    }

    /** One PATCH per contact, allOrNone false, as the hub's Salesforce connector sends them. */
    private Exchange send(List<String> contacts) throws Exception {
        return call(KAMELET, Map.of(), JSON.writeValueAsString(Map.of("allOrNone", false,
                "compositeRequest", contacts.stream().map(SalesforceCompositeSinkTest::patch).toList())));
    }

    private static Map<String, Integer> statuses(Exchange answered) throws Exception {
        JsonNode answer = JSON.readTree(answered.getMessage().getBody(String.class));
        Map<String, Integer> statuses = new LinkedHashMap<>();
        answer.get("compositeResponse").forEach(entry -> statuses.put(entry.get("referenceId").asText(),
                entry.get("httpStatusCode").asInt()));
        return statuses;
    }

    @Test
    void everyRecordOfTheCallIsUpdatedAndAnsweredByItsReferenceId() throws Exception {
        String first = contactId();
        String second = contactId();
        salesforce.createRecord("Contact", first, Map.of("LastName", "Lovelace"));
        salesforce.createRecord("Contact", second, Map.of("LastName", "Hopper"));
        int calls = salesforce.requests("/services/data/v62.0/composite").size();

        Exchange answered = send(List.of(first, second));

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody()).isInstanceOf(String.class);
        assertThat(statuses(answered)).containsExactly(Map.entry("wb_" + first, 204), Map.entry("wb_" + second, 204));
        assertThat(salesforce.record("Contact", first)).containsEntry("Certificate_Status__c", "issued");
        assertThat(salesforce.record("Contact", second)).containsEntry("Certificate_Status__c", "issued");
        assertThat(salesforce.requests("/services/data/v62.0/composite")).hasSize(calls + 1)
                .last().satisfies(request -> assertThat(request.method()).isEqualTo("POST"));
    }

    @Test
    void oneRecordsErrorHoldsBackNoOther() throws Exception {
        String missing = contactId();
        String present = contactId();
        salesforce.createRecord("Contact", present, Map.of("LastName", "Hopper"));

        Exchange answered = send(List.of(missing, present));

        assertThat(answered.getException()).isNull();
        assertThat(statuses(answered)).containsExactly(Map.entry("wb_" + missing, 404), Map.entry("wb_" + present, 204));
        assertThat(salesforce.record("Contact", present)).containsEntry("Certificate_Status__c", "issued");
    }

    @Test
    void aCallRefusedAsAWholeIsThrown() throws Exception {
        List<String> tooMany = IntStream.range(0, 26).mapToObj(i -> contactId()).toList();

        Exchange answered = send(tooMany);

        assertThat(answered.getException()).isInstanceOfSatisfying(SalesforceException.class,
                failure -> assertThat(failure.getStatusCode()).isEqualTo(400));
    }
}
