package io.certbridge.trustedform;

import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.writeback.salesforce.SalesforceRecordConnector;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Writes a retain's result to its Lead through connectors/salesforce-update-sobject-sink (PATCH of the Lead's fields,
 * harmless to repeat), read as the Salesforce record write-backs are: a locked record or the day's API limit passes.
 * The fields and values were fixed when it was planned ({@link LeadUpdates}): the delivery's payload.
 */
@Component
class LeadUpdateConnector implements SingleConnector {

    static final String NAME = "trustedform-lead-update";

    private final SalesforceSettings salesforce;

    LeadUpdateConnector(SalesforceSettings salesforce) {
        this.salesforce = salesforce;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ready() {
        return salesforce.loginUrl() != null;
    }

    @Override
    public void prepare(Delivery delivery, Exchange exchange) {
        exchange.setProperty("connector", "salesforce-update-sobject-sink");
        exchange.setProperty("salesforceObject", delivery.text("sobject"));
        exchange.setProperty("salesforceRecordId", delivery.text("record_id"));
        exchange.getMessage().setBody(delivery.payload());
    }

    @Override
    public Outcome failed(Delivery delivery, Exception failure) {
        return SalesforceRecordConnector.outcome(delivery, failure);
    }

    @Override
    public String describe(Delivery delivery) {
        return "Lead " + delivery.text("record_id") + " (retain " + delivery.text("retain_id") + ")";
    }
}
