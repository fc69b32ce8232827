package io.certbridge.backbone;

/**
 * A failure that is not the work's own but the hub's state, which passes when an operator or a system mends it: flows
 * that consume Kafka wait it out rather than give the work up.
 */
public interface Outage {
}
