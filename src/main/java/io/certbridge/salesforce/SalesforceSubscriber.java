package io.certbridge.salesforce;

import java.util.List;

/**
 * A feature that takes the events of Salesforce channels of its own (TrustedForm's Lead channels) through the hub's
 * one subscription machinery: the channels are subscribed like the learning-event channels of
 * {@code certbridge.salesforce.channels}, from the stored replay id, and each event is handed here instead of to the
 * learning-event intake. Its replay id is stored once {@link #accept} returns.
 */
public interface SalesforceSubscriber {

    /** The channels it takes, such as {@code /event/Lead_Captured__e} or {@code /data/LeadChangeEvent}. */
    List<String> channels();

    /**
     * Makes one event durable (or records why it cannot be read); returns only then. {@code message} is the whole
     * Bayeux message, {@code {data: {schema, payload, event}, channel}}.
     */
    void accept(String channel, String message) throws InterruptedException;
}
