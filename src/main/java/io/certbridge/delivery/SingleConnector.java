package io.certbridge.delivery;

import java.util.List;
import org.apache.camel.Exchange;

/** A connector that sends one delivery per call. */
public interface SingleConnector extends Connector {

    void prepare(Delivery delivery, Exchange exchange) throws Exception;

    /** By default an answer the Kamelet did not throw is a delivery. */
    default Outcome answered(Delivery delivery, Exchange exchange) {
        return Outcome.delivered(delivery);
    }

    /** By default an HTTP failure is read by its status code, anything else is no answer. */
    default Outcome failed(Delivery delivery, Exception failure) {
        return Answers.of(delivery, failure);
    }

    @Override
    default void prepare(List<Delivery> group, Exchange exchange) throws Exception {
        prepare(group.getFirst(), exchange);
    }

    @Override
    default List<Outcome> answered(List<Delivery> group, Exchange exchange) {
        return List.of(answered(group.getFirst(), exchange));
    }

    @Override
    default List<Outcome> failed(List<Delivery> group, Exception failure) {
        return List.of(failed(group.getFirst(), failure));
    }
}
