package io.certbridge.mail;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.mail.CertificateDeliveries.Due;
import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Map;
import jakarta.mail.MessagingException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of the certificate-delivery flow, and what a bounce does: the delivery is marked bounced and
 * {@code certificate.delivery_failed} is announced, so that the institution can reach the learner another way.
 */
@Component
public class CertificateDelivery {

    private static final Logger log = LoggerFactory.getLogger(CertificateDelivery.class);
    public static final String DELIVERY = "certificateDelivery";

    private final CertificateDeliveries deliveries;
    private final CertificateMail mail;
    private final CertificateEvents events;
    private final MailSettings.Retry retry;

    CertificateDelivery(CertificateDeliveries deliveries, CertificateMail mail, CertificateEvents events,
                        MailSettings settings) {
        this.deliveries = deliveries;
        this.mail = mail;
        this.events = events;
        this.retry = settings.retry();
    }

    public List<Due> due() {
        return deliveries.claimDue();
    }

    public void prepare(Exchange exchange) throws MessagingException, UnsupportedEncodingException {
        Due delivery = exchange.getMessage().getBody(Due.class);
        exchange.setProperty(DELIVERY, delivery);
        exchange.getMessage().setBody(mail.compose(delivery));
    }

    public void sent(Exchange exchange) {
        deliveries.sent(exchange.getProperty(DELIVERY, Due.class).certificateId());
    }

    public void failed(Exchange exchange) {
        Due delivery = exchange.getProperty(DELIVERY, Due.class);
        String failure = FailedSends.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        FailedSends.log(log, "the e-mail of certificate " + delivery.certificateId() + " to its recipient",
                delivery.attempts(), retry.maxAttempts(), failure,
                deliveries.failed(delivery, failure, retry.after(delivery.attempts())));
    }

    /** A delivery status notification for {@code messageId}; false when it names none of the hub's deliveries. */
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
