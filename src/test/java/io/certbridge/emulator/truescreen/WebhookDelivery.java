package io.certbridge.emulator.truescreen;

/**
 * One attempt to deliver a callback.
 *
 * @param url       where it was posted
 * @param id        the {@code webhook-id} header, the same on every attempt of one callback
 * @param timestamp the {@code webhook-timestamp} header (Unix seconds of this attempt)
 * @param signature the {@code webhook-signature} header, {@code v1,<base64>}
 * @param body      the raw body, as signed
 * @param attempt   1 for the first attempt, 2 for the first retry, …
 * @param status    the receiver's HTTP status, or -1 when it was unreachable or did not answer in time
 */
public record WebhookDelivery(String url, String id, long timestamp, String signature, String body, int attempt,
                              int status) {
}
