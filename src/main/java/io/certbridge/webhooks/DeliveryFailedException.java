package io.certbridge.webhooks;

/** A call that got no HTTP answer; the message is a short reason such as "connection refused". */
public class DeliveryFailedException extends Exception {

    public DeliveryFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
