package io.certbridge.emulator.swanshare;

/**
 * One attempt to deliver a copy of a webhook.
 *
 * @param event     the {@code X-SwanShare-Event} header
 * @param body      the raw body, as signed
 * @param signature the {@code X-SwanShare-Signature} header, {@code sha256=<hex>}
 * @param attempt   1 for a copy's first attempt, 2 for its first retry, …
 * @param status    the receiver's HTTP status, or -1 when it was unreachable or did not answer in time
 */
public record WebhookDelivery(String event, String body, String signature, int attempt, int status) {
}
