package io.certbridge.support;

import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.emulator.MoodleEmulator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The emulated Canvas and Moodle that the shared test hub talks to, started once, and the settings
 * that point the hub at them: their APIs, the Canvas JWKS, the Moodle webhook token, and a generic JSON
 * source signed the Standard Webhooks way.
 */
public final class OutsideSystems {

    public static final String CANVAS_API_TOKEN = "canvas-admin-token-7c1e";
    public static final String CANVAS_URL_TOKEN = "canvas-unsigned-url-token-42f0";
    public static final String MOODLE_WS_TOKEN = "0123456789abcdef0123456789abcdef";
    public static final String MOODLE_WEBHOOK_TOKEN = "shared-secret-configured-in-local_webhooks";
    public static final String RELAY_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static CanvasEmulator canvas;
    private static MoodleEmulator moodle;

    private OutsideSystems() {
    }

    public static synchronized CanvasEmulator canvas() {
        if (canvas == null) {
            canvas = new CanvasEmulator(CANVAS_API_TOKEN).start();
        }
        return canvas;
    }

    public static synchronized MoodleEmulator moodle() {
        if (moodle == null) {
            moodle = new MoodleEmulator(MOODLE_WS_TOKEN).start();
        }
        return moodle;
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("certbridge.canvas.base-url", () -> canvas().baseUrl());
        registry.add("certbridge.canvas.api-token", () -> CANVAS_API_TOKEN);
        registry.add("certbridge.intake.canvas.jwks-url", () -> canvas().jwksUrl());
        registry.add("certbridge.intake.canvas.jwks-min-refetch-interval", () -> "0s");
        registry.add("certbridge.intake.canvas.unsigned-token", () -> CANVAS_URL_TOKEN);
        registry.add("certbridge.moodle.base-url", () -> moodle().baseUrl());
        registry.add("certbridge.moodle.ws-token", () -> MOODLE_WS_TOKEN);
        registry.add("certbridge.intake.moodle.token", () -> MOODLE_WEBHOOK_TOKEN);
        String relay = "certbridge.intake.sources.relay.";
        registry.add(relay + "secrets[0]", () -> RELAY_SECRET);
        registry.add(relay + "event-type", () -> "$.event");
        registry.add(relay + "learner-id", () -> "$.data.participant.id");
        registry.add(relay + "learner-name", () -> "$.data.participant.name");
        registry.add(relay + "learner-email", () -> "$.data.participant.email");
        registry.add(relay + "course-id", () -> "$.data.course.id");
        registry.add(relay + "course-name", () -> "$.data.course.name");
        // a rule kept in configuration: shown by the API, changed only in the configuration
        String rule = "certbridge.intake.rules.configured-relay-rule.";
        registry.add(rule + "name", () -> "Relayed sessions (from configuration)");
        registry.add(rule + "source", () -> "relay");
        registry.add(rule + "event-type", () -> "session.archived");
        registry.add(rule + "template-id", () -> "tmpl_createdLater");
        // a lost answer must not take the tests' time
        registry.add("camel.kamelet.canvas-submission-comment-sink.responseTimeout", () -> "700");
        registry.add("certbridge.writeback.first-backoff", () -> "50ms");
        registry.add("certbridge.writeback.max-attempts", () -> "4");
        registry.add("certbridge.writeback.poll-interval-ms", () -> "20");
    }
}
