package io.certbridge.emulator.trustedform;

import java.time.Instant;

/**
 * One TrustedForm certificate as the emulated account sees it: the consumer data recorded on it, the end of its
 * public window, and this account's retention of it (once retained it stays available to the account until the
 * retention ends, even after the public window closed).
 */
public final class Certificate {

    /** The account's copy: the first retain's {@code reference}, {@code vendor} and {@code campaign_id}. */
    public record Retention(String reference, String vendor, String campaignId, Instant retainedAt,
                            Instant expiresAt) {
    }

    private final String id;
    private final String email;
    private final String phone;
    private final String pageUrl;
    private final Instant createdAt;
    private Instant expiresAt;
    private Retention retention;
    private int retains;

    Certificate(String id, String email, String phone, String pageUrl, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.email = email;
        this.phone = phone;
        this.pageUrl = pageUrl;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public String pageUrl() {
        return pageUrl;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The end of the public window (a certificate not retained by then is gone). */
    public synchronized Instant expiresAt() {
        return expiresAt;
    }

    /** {@code null} until the account retained it. */
    public synchronized Retention retention() {
        return retention;
    }

    /** How many retain operations were answered 200 for it (each one billable). */
    public synchronized int retains() {
        return retains;
    }

    synchronized boolean availableAt(Instant now) {
        return now.isBefore(expiresAt) || retention != null && now.isBefore(retention.expiresAt());
    }

    synchronized void expire(Instant now) {
        if (now.isBefore(expiresAt)) {
            expiresAt = now;
        }
    }

    /** Records a retain; the first one sets the retention. Returns whether the account had retained it before. */
    synchronized boolean retain(Retention requested) {
        retains++;
        boolean before = retention != null;
        if (!before) {
            retention = requested;
        }
        return before;
    }
}
