package io.certbridge.trustedform;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.shared.Json;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;
import org.springframework.stereotype.Component;

/** Reads a Lead as Salesforce holds it, through connectors/salesforce-get-sobject-sink. */
@Component
class LeadRecords {

    private final FluentProducerTemplate camel;
    private final Json json;

    LeadRecords(FluentProducerTemplate camel, Json json) {
        this.camel = camel;
        this.json = json;
    }

    /** The Lead's fields; throws what Salesforce answered (SalesforceException) or that it did not answer. */
    JsonNode read(String leadId) throws Exception {
        Exchange answered = camel.to("kamelet:salesforce-get-sobject-sink").withProcessor(exchange -> {
            exchange.setProperty("salesforceObject", LeadUpdates.SOBJECT);
            exchange.setProperty("salesforceRecordId", leadId);
        }).send();
        if (answered.getException() != null) {
            throw answered.getException();
        }
        return json.read(answered.getMessage().getBody(String.class), JsonNode.class);
    }
}
