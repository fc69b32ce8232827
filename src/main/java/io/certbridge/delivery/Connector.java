package io.certbridge.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * An outside system and operation the engine delivers to: the Kamelet {@code connectors/<name>.kamelet.yaml} makes
 * the call, and this, a Spring bean, maps a delivery to the Kamelet's message and the answer back to a
 * {@link Result}. Most connectors send one delivery per call ({@link SingleConnector}); one may group them
 * ({@link #groups}).
 */
public interface Connector {

    /** The Kamelet's name; deliveries and retry policies ({@code certbridge.deliveries.connectors.<name>}) use it. */
    String name();

    /** False while its outside system is not configured: its deliveries wait. */
    default boolean ready() {
        return true;
    }

    /**
     * How long a claim of its deliveries holds when it knows better than {@code certbridge.deliveries.lease} (a call
     * bounded by its own timeout): a hub that dies mid-send has them sent again after it.
     */
    default Optional<Duration> lease() {
        return Optional.empty();
    }

    /**
     * The groups in which the deliveries claimed for this connector in a round are sent, one call each: one delivery
     * per call unless the connector says otherwise. Called before any of them is sent. A delivery in no group is
     * left for a later round, as if it had not been claimed (its service asked for fewer calls for now).
     */
    default List<List<Delivery>> groups(List<Delivery> claimed) {
        return claimed.stream().map(List::of).toList();
    }

    /**
     * When a delivery that {@link #groups} left out is due again: at once unless the connector waits for something
     * (an outside service's webhook), in which case it is held back until then, without an attempt counted and
     * without taking a place in the claims of the rounds meanwhile.
     */
    default Optional<Instant> dueAgain(Delivery left) {
        return Optional.empty();
    }

    /** Sets the body and the exchange properties the Kamelet documents. */
    void prepare(List<Delivery> group, Exchange exchange) throws Exception;

    /** What the Kamelet's answer means for each delivery of the group. */
    List<Outcome> answered(List<Delivery> group, Exchange exchange);

    /** What the failure the Kamelet threw means for each delivery of the group. */
    List<Outcome> failed(List<Delivery> group, Exception failure);

    /** How log lines name a delivery; the target by default. Never anything secret. */
    default String describe(Delivery delivery) {
        return delivery.target().toString();
    }

    /**
     * The event announced for each of its deliveries given up ({@code writeback.failed}), with the delivery's id,
     * certificate, connector, livemode, attempts and error; none by default.
     */
    default String givenUpEvent() {
        return null;
    }

    /** Called, in the transaction that records them, with the outcomes of this connector's deliveries in a round. */
    default void recorded(List<Recorded> outcomes) {
    }
}
