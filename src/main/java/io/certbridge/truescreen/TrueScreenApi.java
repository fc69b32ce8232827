package io.certbridge.truescreen;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The calls to TrueScreen besides the certification a delivery round makes: registering files and uploading them
 * (file mode), asking how a certification is doing, and downloading its artifacts. Each goes through the Kamelet of
 * its kind; none is billable.
 */
@Component
class TrueScreenApi {

    /** A downloaded artifact, or the storage's refusal ({@code status} not 200). */
    record Download(int status, String mediaType, byte[] content) {
    }

    private final FluentProducerTemplate camel;

    TrueScreenApi(FluentProducerTemplate camel) {
        this.camel = camel;
    }

    /** The exchange properties of an API call, as truescreen-certify-sink reads them. */
    static void call(Exchange exchange, TrueScreenSettings.Account account, String method, String path, String body) {
        exchange.setProperty("truescreenBaseUrl", account.base());
        exchange.setProperty("truescreenApiKey", account.apiKey());
        exchange.setProperty("truescreenMethod", method);
        exchange.setProperty("truescreenPath", path);
        exchange.getMessage().setBody(body);
    }

    TrueScreenAnswer call(TrueScreenSettings.Account account, String method, String path, JsonNode body) {
        Exchange answered = camel.to("kamelet:truescreen-certify-sink").withProcessor(exchange ->
                call(exchange, account, method, path, body == null ? null : body.toString())).send();
        throwIfUnanswered(answered);
        return TrueScreenAnswer.of(answered);
    }

    /** PUT of one file to its presigned URL, with only Content-Type; the storage's status. */
    int upload(String url, String contentType, byte[] content) {
        Exchange answered = camel.to("kamelet:truescreen-upload-sink").withProcessor(exchange -> {
            exchange.setProperty("truescreenUrl", url);
            exchange.setProperty("truescreenContentType", contentType);
            exchange.getMessage().setBody(content);
        }).send();
        throwIfUnanswered(answered);
        return answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    }

    Download download(String url) {
        Exchange answered = camel.to("kamelet:truescreen-download-sink")
                .withProcessor(exchange -> exchange.setProperty("truescreenUrl", url)).send();
        throwIfUnanswered(answered);
        String type = answered.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        return new Download(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                type == null ? "application/octet-stream" : type.split(";")[0].strip(),
                answered.getMessage().getBody(byte[].class));
    }

    private static void throwIfUnanswered(Exchange answered) {
        if (answered.getException() != null) {
            throw new Unanswered(answered.getException());
        }
    }

    /** TrueScreen (or its storage) gave no answer. */
    static final class Unanswered extends RuntimeException {
        Unanswered(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
