package io.certbridge.mail;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * certbridge.mail.*: the issuance inbox (nothing is polled until {@code inbox.host} is set), the SMTP server
 * replies go out through, and who may issue by mail: each allowed sender with its secret, or trusted on a
 * DKIM pass that the receiving server ({@code dkim-authserv-id}) recorded in Authentication-Results.
 */
@ConfigurationProperties("certbridge.mail")
public record MailSettings(@DefaultValue Inbox inbox, @DefaultValue Smtp smtp, List<Sender> senders,
                           String dkimAuthservId, @DefaultValue("20MB") DataSize maxAttachmentSize,
                           @DefaultValue("10000") int maxRecipients) {

    public MailSettings {
        senders = senders == null ? List.of() : senders;
    }

    public record Inbox(String host, Integer port, @DefaultValue("imaps") String protocol, String username,
                        String password, @DefaultValue("INBOX") String folder,
                        @DefaultValue("certbridge/processed") String processedFolder,
                        @DefaultValue("certbridge/failed") String failedFolder,
                        @DefaultValue("certbridge/rejected") String rejectedFolder,
                        @DefaultValue("10000") long pollIntervalMs) {
    }

    public record Smtp(String host, Integer port, @DefaultValue("smtps") String protocol, String username,
                       String password, String from) {
    }

    /**
     * A sender allowed to issue: its address, and a {@code secret} its mails must carry, or {@code dkim: true}
     * to accept a DKIM pass for its domain instead; {@code environment} (live or test) issues live or sandbox
     * certificates.
     */
    public record Sender(String address, String secret, boolean dkim, @DefaultValue("live") String environment) {
    }
}
