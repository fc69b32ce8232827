package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.support.OutsideSystems;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.junit.jupiter.api.Test;

/**
 * connectors/salesforce-get-sobject-sink against the emulated org, through the salesforceRest component: the record
 * comes back as its JSON, with every field; a record that is not there is thrown as Salesforce's 404.
 */
class SalesforceGetSObjectSinkTest extends KameletTestBase {

    private static final String KAMELET = "salesforce-get-sobject-sink";

    private final SalesforceEmulator salesforce = OutsideSystems.salesforce();
    private final String contact = "003" + ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L);

    private Exchange read(String recordId) {
        return call(KAMELET, Map.of("salesforceObject", "Contact", "salesforceRecordId", recordId), null);
    }

    @Test
    void theRecordComesBackAsItsJson() throws Exception {
        salesforce.createRecord("Contact", contact, Map.of("LastName", "Lovelace", "Email", "ada@example.com"));

        Exchange answered = read(contact);

        assertThat(answered.getException()).isNull();
        JsonNode record = new ObjectMapper().readTree(answered.getMessage().getBody(String.class));
        assertThat(record.get("LastName").asText()).isEqualTo("Lovelace");
        assertThat(record.get("Email").asText()).isEqualTo("ada@example.com");
        assertThat(salesforce.requests("/services/data/v62.0/sobjects/Contact/" + contact)).singleElement()
                .satisfies(get -> assertThat(get.method()).isEqualTo("GET"));
    }

    @Test
    void aRecordThatIsNotThereIsThrownAsSalesforcesNotFound() {
        Exchange answered = read(contact);

        assertThat(answered.getException()).isInstanceOfSatisfying(SalesforceException.class,
                failure -> assertThat(failure.getStatusCode()).isEqualTo(404));
    }
}
