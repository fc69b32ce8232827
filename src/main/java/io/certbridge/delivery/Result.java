package io.certbridge.delivery;

/**
 * What an attempt came to, as its connector reads the outside system's answer. A connector's retry policy says which
 * of the failures are tried again ({@code retry-on}); the others fail the delivery at once.
 */
public enum Result {
    DELIVERED,
    /** No answer: the connection failed, or the call timed out. */
    UNREACHABLE,
    /** 5xx or 408: the system failed, not the request. */
    SERVER_ERROR,
    /** Told to slow down: 429, Canvas's 403 "Rate Limit Exceeded", Salesforce's REQUEST_LIMIT_EXCEEDED. */
    THROTTLED,
    /** The record is held by someone else for now: Salesforce's UNABLE_TO_LOCK_ROW. */
    BUSY,
    /** A refusal: another 4xx, or an error carried by a 2xx answer. */
    REFUSED,
    /** 410 Gone: the target is gone for good. */
    GONE,
    /** The delivery cannot be made as planned, e.g. its event named no record to write to. */
    INVALID
}
