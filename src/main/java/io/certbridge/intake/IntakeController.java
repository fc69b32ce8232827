package io.certbridge.intake;

import io.certbridge.intake.canvas.CanvasLiveEvents;
import io.certbridge.intake.generic.GenericWebhooks;
import io.certbridge.intake.moodle.MoodleEvents;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The webhook endpoints of the learning platforms. Each authenticates the delivery its source's way,
 * reads it, and answers 202 only once the event is durable on Kafka; what the event leads to is worked
 * out after that, by routes/intake-recording. The body is read raw, whatever its Content-Type: Moodle's
 * plugin labels JSON as a form, and Canvas may send a JWT.
 */
@RestController
@RequestMapping(path = "/hooks", produces = "application/json")
class IntakeController {

    private static final Logger log = LoggerFactory.getLogger(IntakeController.class);

    private final CanvasLiveEvents canvas;
    private final MoodleEvents moodle;
    private final GenericWebhooks generic;
    private final IntakePublisher publisher;

    IntakeController(CanvasLiveEvents canvas, MoodleEvents moodle, GenericWebhooks generic,
                     IntakePublisher publisher) {
        this.canvas = canvas;
        this.moodle = moodle;
        this.generic = generic;
        this.publisher = publisher;
    }

    @PostMapping(path = "/canvas", consumes = "*/*")
    ResponseEntity<?> canvas(HttpServletRequest request) throws IOException, InterruptedException {
        byte[] body = rawBody(request);
        String token = urlToken(request);
        return accept("canvas", () -> canvas.read(body, token));
    }

    /** The token query parameter, read from the query string alone: asking the request would parse a form body. */
    private static String urlToken(HttpServletRequest request) {
        String token = request.getQueryString() == null ? null
                : UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                .getFirst("token");
        return token == null ? null : UriUtils.decode(token, StandardCharsets.UTF_8);
    }

    @PostMapping(path = "/moodle", consumes = "*/*")
    ResponseEntity<?> moodle(HttpServletRequest request) throws IOException, InterruptedException {
        byte[] body = rawBody(request);
        return accept("moodle", () -> moodle.read(body));
    }

    @PostMapping(path = "/generic/{source}", consumes = "*/*")
    ResponseEntity<?> generic(@PathVariable String source,
                              @RequestHeader(name = "webhook-id", required = false) String id,
                              @RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
                              @RequestHeader(name = "webhook-signature", required = false) String signature,
                              HttpServletRequest request) throws IOException, InterruptedException {
        byte[] body = rawBody(request);
        return accept(source, () -> generic.read(source, id, timestamp, signature, body));
    }

    private ResponseEntity<?> accept(String source, Supplier<IntakeEvent> reader)
            throws InterruptedException {
        IntakeEvent event;
        try {
            event = reader.get();
        } catch (SignatureRejected e) {
            log.warn("Refused a {} delivery: {}", source, e.getMessage());
            throw IntakeProblems.unauthenticated();
        }
        try {
            publisher.publish(event);
        } catch (IntakePublisher.NotDurable e) {
            throw IntakeProblems.unavailable();
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", event.id(), "status", "accepted"));
    }

    /**
     * The body as sent. Read from the stream, not through Spring's body binding: for a form-labelled
     * POST that would rebuild the body from parsed parameters, which mangles the JSON Moodle sends.
     */
    private static byte[] rawBody(HttpServletRequest request) throws IOException {
        return request.getInputStream().readAllBytes();
    }
}
