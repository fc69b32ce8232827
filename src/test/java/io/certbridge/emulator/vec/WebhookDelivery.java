package io.certbridge.emulator.vec;

/**
 * One webhook delivery attempt as sent.
 *
 * @param attempt 1 for the first, up to 4 with the 3 retries
 * @param status  the endpoint's HTTP status, or -1 when no answer came
 * @param body    the JSON payload, exactly as signed
 */
public record WebhookDelivery(String event, String uuid, int attempt, int status, String body) {
}
