package io.certbridge.emulator.trueapi;

/**
 * One attempt to deliver a webhook.
 *
 * @param deliveryId the {@code X-True-Delivery} header, the same on every attempt of one delivery
 * @param status     the HTTP status the endpoint answered, or -1 when it could not be reached
 * @param body       the JSON body sent (what {@code X-True-Signature} signs)
 */
public record WebhookAttempt(String deliveryId, String url, String event, String certificateId, int attempt,
                             int status, String body) {
}
