package io.certbridge.delivery;

import io.certbridge.backbone.CertificateEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channels paused because their outside system takes nothing more for now (an account out of credits, a key it
 * refuses, a plan's monthly limit): the channel's deliveries wait unclaimed, nothing lost, until it is resumed or
 * until {@code resumeAt}. Pausing and resuming are announced once ({@code <kind>.paused}, {@code <kind>.resumed}),
 * however many deliveries of a round met the refusal.
 */
@Component
public class ChannelPauses {

    /** What the announcements say: the event kind ({@code issuer}), its subject and what they carry besides. */
    public record Announcement(String kind, String subject, Map<String, Object> data) {
    }

    private final DeliveryQueue deliveries;
    private final CertificateEvents events;

    ChannelPauses(DeliveryQueue deliveries, CertificateEvents events) {
        this.deliveries = deliveries;
        this.events = events;
    }

    /** Pauses the channel and announces it; false when it was paused already. */
    @Transactional
    public synchronized boolean pause(String channel, String reason, Instant resumeAt, Announcement announcement) {
        if (deliveries.pause(channel).isPresent()) {
            return false;
        }
        deliveries.pause(channel, reason, resumeAt);
        Map<String, Object> data = new LinkedHashMap<>(announcement.data());
        data.put("reason", reason);
        data.put("resume_at", resumeAt == null ? null : resumeAt.toString());
        events.announce(announcement.kind() + ".paused", announcement.subject(), data);
        return true;
    }

    /** Resumes the channel and announces it; false when it was not paused. */
    @Transactional
    public synchronized boolean resume(String channel, Announcement announcement) {
        if (deliveries.pause(channel).isEmpty()) {
            return false;
        }
        deliveries.resume(channel);
        events.announce(announcement.kind() + ".resumed", announcement.subject(), announcement.data());
        return true;
    }

    public Optional<DeliveryQueue.Pause> paused(String channel) {
        return deliveries.pause(channel);
    }
}
