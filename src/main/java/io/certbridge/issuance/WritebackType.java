package io.certbridge.issuance;

import io.certbridge.shared.problems.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of write-back a rule can ask for ({@code writebacks[].type}): the events of which source it answers, the
 * connector that delivers it, the properties a rule gives it ({@code S}, a record bound from the rule's snake_case
 * JSON) and the place it writes to for one event. A Spring bean: registering one is all a new type needs. The
 * write-back connectors implement it, so that one class says all there is to know of a write-back.
 */
public interface WritebackType<S> {

    /** The rule's name for it, e.g. {@code canvas_custom_data}. */
    String type();

    /** The source whose events it writes back to, e.g. {@code canvas}. */
    String source();

    /** The connector (the Kamelet's name) that delivers it; its connector class answers this as its own name. */
    String name();

    /** The record a rule's write-back properties (all but {@code type}) are read as; a property it lacks is refused. */
    Class<S> spec();

    /** What is wrong with a rule's properties, each problem on the property it is about ({@code namespace}). */
    List<FieldError> problems(S spec, Paths paths);

    /** The place it writes to for {@code event}: what its connector's deliveries read as their target. */
    Map<String, Object> target(S spec, Event event);

    /** JSONPath as rules write it: a value that starts with {@code $} is a path over the event, any other is text. */
    interface Paths {

        boolean isPath(String expression);

        /** Why {@code expression} is not a usable path, if it is a path and cannot be used. */
        Optional<String> problem(String expression);
    }

    /** The event a certificate is issued for, as far as a write-back reads it: its learner and course at its source. */
    interface Event {

        String learnerId();

        String courseId();

        /** The text {@code expression} gives for this event (a path's value, or the text itself); empty if none. */
        Optional<String> text(String expression);
    }
}
