package io.certbridge.mail;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Result;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.wallet.TxCodeMail;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A certificate e-mailed to its recipient through SMTP (connectors/mail-smtp-sink), a reminder that it expires
 * soon ({@code mail: expiry_reminder} in the target) or the transaction code of a wallet offer
 * ({@code mail: wallet_tx_code}), delivered once the server took
 * it. Its answer may come later: a bounce naming the e-mail's Message-ID marks the delivery failed and announces
 * {@code certificate.delivery_failed}, so that the institution can reach the learner another way. Nothing is sent
 * until SMTP is configured.
 */
@Component
class CertificateEmailConnector implements SingleConnector {

    static final String NAME = "mail-smtp-sink";
    private static final Logger log = LoggerFactory.getLogger(CertificateEmailConnector.class);

    private final CertificateMail mail;
    private final ExpiryReminderMail reminder;
    private final WalletTxCodeMail txCode;
    private final DeliveryQueue deliveries;
    private final CertificateEvents events;
    private final boolean configured;

    CertificateEmailConnector(CertificateMail mail, ExpiryReminderMail reminder, WalletTxCodeMail txCode,
                              DeliveryQueue deliveries,
                              CertificateEvents events, MailSettings settings) {
        this.mail = mail;
        this.reminder = reminder;
        this.txCode = txCode;
        this.deliveries = deliveries;
        this.events = events;
        this.configured = settings.smtp().host() != null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ready() {
        return configured;
    }

    @Override
    public void prepare(Delivery email, Exchange exchange) throws Exception {
        String messageId = email.text("message_id");
        String kind = email.text("mail");
        exchange.getMessage().setBody(ExpiryReminderPlanner.MAIL.equals(kind)
                ? reminder.compose(email.certificateId(), messageId)
                : TxCodeMail.MAIL.equals(kind) ? txCode.compose(email.certificateId(), email.text("offer_id"), messageId)
                : mail.compose(email.certificateId(), messageId));
    }

    @Override
    public Outcome answered(Delivery email, Exchange exchange) {
        return Outcome.delivered(email);
    }

    @Override
    public Outcome failed(Delivery email, Exception failure) {
        return Outcome.failed(email, Result.UNREACHABLE, Answers.describe(failure));
    }

    @Override
    public String describe(Delivery email) {
        return "(the e-mail of certificate " + email.certificateId() + " to its recipient)";
    }

    /** A delivery status notification for {@code messageId}; false when it names none of the hub's e-mails. */
    @Transactional
    boolean bounced(String messageId, String detail) {
        return deliveries.bounced(messageId, detail).map(certificateId -> {
            log.warn("Certificate {} bounced: {}", certificateId, detail);
            events.announce("certificate.delivery_failed", certificateId,
                    Map.of("certificate_id", certificateId, "reason", detail));
            return true;
        }).orElse(false);
    }
}
