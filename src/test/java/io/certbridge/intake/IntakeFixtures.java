package io.certbridge.intake;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.api.ApiProblem;
import io.certbridge.shared.problems.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the unit tests of the intake readers and rules share: the hub's JSON settings, a fixed clock,
 * the event factory, and the reference sample payloads.
 */
public final class IntakeFixtures {

    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    public static final Instant NOW = Instant.parse("2024-11-05T13:42:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private IntakeFixtures() {
    }

    public static IntakeEventFactory eventFactory() {
        return new IntakeEventFactory(MAPPER, CLOCK);
    }

    public static byte[] payload(String name) {
        try {
            return Files.readAllBytes(Path.of("../shared/reference/payloads", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API's answer to the problem {@code reading} throws; null when it throws none. */
    public static ApiProblem refusal(ThrowingCallable reading) {
        Problem problem = catchThrowableOfType(Problem.class, reading);
        return problem == null ? null : ApiProblem.of(problem);
    }

    public static ObjectNode sample(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(payload(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
