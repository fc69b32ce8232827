package io.certbridge.mail;

import io.certbridge.shared.Environment;
import io.certbridge.shared.Sha256;
import io.certbridge.issuance.BatchController.BatchRecipient;
import io.certbridge.issuance.BatchController.CreateBatch;
import io.certbridge.mail.IssuanceMails.MailRow;
import io.certbridge.template.Template;
import io.certbridge.template.Template.TemplateField;
import io.certbridge.template.Templates;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes one mail from the issuance inbox, once by its Message-ID: a sender that may not issue is recorded
 * and gets no reply (no backscatter to forged senders); an unreadable mail is recorded as failed, and the
 * reply says why; otherwise its good rows become a batch, and the reply follows once the batch is done. The
 * mail then moves to the rejected, failed or processed folder. A mail read again (the hub stopped before
 * moving it) only moves. A bounce of a certificate the hub e-mailed (the inbox is the envelope sender of
 * those mails) marks that delivery failed.
 */
@Component
public class MailIssuance {

    private static final Logger log = LoggerFactory.getLogger(MailIssuance.class);

    private final IssuanceMails mails;
    private final AllowedSenders senders;
    private final IssuanceMailReader reader;
    private final Templates templates;
    private final MailSettings.Inbox inbox;
    private final CertificateEmailConnector certificateEmails;

    MailIssuance(IssuanceMails mails, AllowedSenders senders, Templates templates, CertificateEmailConnector certificateEmails,
                 MailSettings settings) {
        this.mails = mails;
        this.certificateEmails = certificateEmails;
        this.senders = senders;
        this.templates = templates;
        this.reader = new IssuanceMailReader(settings.maxAttachmentSize().toBytes(), settings.maxRecipients());
        this.inbox = settings.inbox();
    }

    public void receive(Exchange exchange) throws MessagingException, IOException {
        MimeMessage message = (MimeMessage) exchange.getIn(MailMessage.class).getOriginalMessage();
        Optional<DeliveryStatusNotification> bounce = DeliveryStatusNotification.of(message);
        if (bounce.isPresent()) {
            boolean ours = certificateEmails.bounced(bounce.get().originalMessageId(), bounce.get().reason());
            exchange.getIn().setHeader(MailConstants.MAIL_MOVE_TO, ours ? inbox.processedFolder() : inbox.failedFolder());
            return;
        }
        String messageId = messageId(message);
        Optional<String> known = mails.statusOf(messageId);
        String status = known.orElseGet(() -> take(messageId, message));
        exchange.getIn().setHeader(MailConstants.MAIL_MOVE_TO, switch (status) {
            case "rejected" -> inbox.rejectedFolder();
            case "failed" -> inbox.failedFolder();
            default -> inbox.processedFolder();
        });
    }

    private String take(String messageId, MimeMessage message) {
        try {
            String sender = sender(message);
            AtomicReference<Template> named = new AtomicReference<>();
            IssuanceMail mail = reader.read(message, reference -> templates.findByIdOrName(reference).map(t -> {
                named.set(t);
                return t.fields().stream().map(TemplateField::name).toList();
            }));
            UnaryOperator<String> hidden = text -> withoutSecret(text, mail.secret());
            String subject = hidden.apply(IssuanceSubject.withoutSecret(message.getSubject()));
            AllowedSenders.Verdict verdict = senders.check(sender, mail.secret(), message);
            if (verdict.sender().isEmpty()) {
                log.warn("Refused an issuance mail {}: {}", messageId, verdict.refusal());
                mails.recordUnissued(messageId, String.valueOf(sender), subject, "rejected", verdict.refusal(), List.of());
                return "rejected";
            }
            List<MailRow> rows = new ArrayList<>();
            List<BatchRecipient> recipients = new ArrayList<>();
            Optional<Template> template = mail.readable() ? Optional.ofNullable(named.get()) : Optional.empty();
            for (IssuanceMail.Row row : mail.rows()) {
                Optional<RowValues> values = row.problems().isEmpty()
                        ? template.map(t -> RowValues.of(t, row)) : Optional.empty();
                boolean sent = values.isPresent() && values.get().problems().isEmpty();
                rows.add(new MailRow(row.number(), row.name(), row.email(), sent ? recipients.size() : null,
                        (values.isPresent() ? values.get().problems() : row.problems()).stream().map(hidden).toList()));
                if (sent) {
                    recipients.add(new BatchRecipient(row.name(), row.email(), values.get().fields()));
                }
            }
            if (!mail.readable() || recipients.isEmpty()) {
                String detail = mail.readable() ? "No row can be issued"
                        : hidden.apply(String.join("\n", mail.problems()));
                mails.recordUnissued(messageId, sender, subject, "failed", detail, rows);
                return "failed";
            }
            mails.recordIssuing(messageId, sender, subject, Environment.of(verdict.sender().get().environment()),
                    new CreateBatch(template.get().id(), recipients, null), rows);
            return "issuing";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Could not read issuance mail " + messageId, e);
        }
    }

    /** A mail's words as they are kept and repeated: a line that quotes the sender's secret does not keep it. */
    private static String withoutSecret(String text, String secret) {
        return text == null || secret == null ? text : text.replace(secret, "[secret]");
    }

    private static String sender(MimeMessage message) throws MessagingException {
        var from = message.getFrom();
        return from != null && from.length == 1 && from[0] instanceof InternetAddress address ? address.getAddress()
                : null;
    }

    /** The Message-ID, or for a mail without one, a digest of its headers. */
    private static String messageId(MimeMessage message) throws MessagingException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        StringBuilder headers = new StringBuilder();
        message.getAllHeaderLines().asIterator().forEachRemaining(headers::append);
        return "sha256:" + HexFormat.of().formatHex(Sha256.of(headers.toString()));
    }
}
