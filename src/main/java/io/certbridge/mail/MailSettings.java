package io.certbridge.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * certbridge.mail.*: the issuance inbox (nothing is polled until {@code inbox.host} is set), the SMTP server
 * replies go out through, and who may issue by mail: each allowed sender with its secret, or trusted on a
 * DKIM pass that the receiving server ({@code dkim-authserv-id}) recorded in Authentication-Results;
 * {@code retry}: how a mail the SMTP server did not take (a certificate e-mail or a reply) is tried again.
 */
@Validated
@ConfigurationProperties("certbridge.mail")
public record MailSettings(@DefaultValue @Valid Inbox inbox, @DefaultValue @Valid Smtp smtp,
                           List<@Valid Sender> senders, String dkimAuthservId,
                           @DefaultValue("20MB") DataSize maxAttachmentSize,
                           @DefaultValue("10000") @Positive int maxRecipients, @DefaultValue @Valid Retry retry) {

    public MailSettings {
        senders = senders == null ? List.of() : senders;
    }

    public record Inbox(String host, @Positive Integer port, @DefaultValue("imaps") String protocol, String username,
                        String password, @DefaultValue("INBOX") String folder,
                        @DefaultValue("certbridge/processed") String processedFolder,
                        @DefaultValue("certbridge/failed") String failedFolder,
                        @DefaultValue("certbridge/rejected") String rejectedFolder,
                        @DefaultValue("10000") @Positive long pollIntervalMs) {
    }

    /** {@code username} unset: the SMTP server is a relay that takes mail without a login. */
    public record Smtp(String host, @Positive Integer port, @DefaultValue("smtps") String protocol, String username,
                       String password, String from) {
    }

    /** A mail is tried again after {@code firstBackoff}, doubling each time, and given up after {@code maxAttempts}. */
    public record Retry(@DefaultValue("30s") @DurationMin(millis = 1) Duration firstBackoff,
                        @DefaultValue("5") @Positive int maxAttempts) {

        /** How long to wait after the failed attempt {@code attempt} (from 1); nothing once it was the last. */
        Optional<Duration> after(int attempt) {
            return attempt >= maxAttempts ? Optional.empty()
                    : Optional.of(firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20)));
        }

        /** The wait in seconds, as PostgreSQL's make_interval takes it; 0 for none. */
        static double seconds(Optional<Duration> wait) {
            return wait.map(duration -> duration.toMillis() / 1000.0).orElse(0.0);
        }
    }

    /**
     * A sender allowed to issue: its address, and a {@code secret} its mails must carry, or {@code dkim: true}
     * to accept a DKIM pass for its domain instead; {@code environment} (live or test) issues live or sandbox
     * certificates.
     */
    public record Sender(@NotBlank String address, String secret, boolean dkim,
                         @DefaultValue("live") @Pattern(regexp = "live|test") String environment) {
    }
}
