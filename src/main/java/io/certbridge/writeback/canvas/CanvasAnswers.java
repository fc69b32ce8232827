package io.certbridge.writeback.canvas;

import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Result;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.http.base.HttpOperationFailedException;

/** How Canvas says what it says: its throttling is a 403 whose body says "Rate Limit Exceeded". */
final class CanvasAnswers {

    private CanvasAnswers() {
    }

    static Outcome of(Delivery delivery, Exception failure) {
        Outcome outcome = Answers.of(delivery, failure);
        if (failure instanceof HttpOperationFailedException http && http.getStatusCode() == 403
                && String.valueOf(http.getResponseBody()).contains("Rate Limit Exceeded")) {
            return new Outcome(outcome.deliveryId(), Result.THROTTLED, outcome.statusCode(), null, outcome.error(),
                    null, null);
        }
        return outcome;
    }

    /** A path segment, as Canvas's ids and scopes go into URLs. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
