package io.certbridge.wallet;

import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.shared.Environment;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Plans the e-mail that gives a live certificate's recipient the transaction code of an offer (mail-smtp-sink,
 * {@code mail: wallet_tx_code}); the delivery names the offer, never the code.
 */
@Component
public class TxCodeMail {

    /** What the e-mail connector composes for such a delivery. */
    public static final String MAIL = "wallet_tx_code";

    private final DeliveryQueue deliveries;

    TxCodeMail(DeliveryQueue deliveries) {
        this.deliveries = deliveries;
    }

    void plan(String certificateId, String offerId) {
        deliveries.plan(List.of(new PlannedDelivery("email/wallet-tx-code/" + offerId, "dlv", "mail-smtp-sink",
                Environment.LIVE, certificateId, null, Map.of("message_id", "<" + UUID.randomUUID()
                + ".txcode@certbridge>", "mail", MAIL, "offer_id", offerId), null, offerId)));
    }
}
