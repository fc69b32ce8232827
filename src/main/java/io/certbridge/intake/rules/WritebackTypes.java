package io.certbridge.intake.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.JsonPaths;
import io.certbridge.intake.rules.RuleDefinition.WritebackSpec;
import io.certbridge.issuance.WritebackTarget;
import io.certbridge.issuance.WritebackType;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.MalformedInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The registered write-back types (every {@link WritebackType} bean), by the name rules give them, and what a rule's
 * write-backs come to through them: each write-back's properties read as its type's spec, their problems, and the
 * place it points at for one event.
 */
@Component
class WritebackTypes {

    private final Map<String, WritebackType<?>> byType;
    private final ObjectMapper mapper;

    WritebackTypes(List<WritebackType<?>> types, ObjectMapper mapper) {
        this.byType = types.stream().collect(Collectors.toUnmodifiableMap(WritebackType::type, Function.identity()));
        this.mapper = mapper;
    }

    Optional<WritebackType<?>> find(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    /** The types' names, sorted. */
    List<String> names() {
        return byType.keySet().stream().sorted().toList();
    }

    /**
     * What is wrong with the write-back at {@code at} ({@code writebacks[0]}), one of {@code type}. A property its
     * type does not take, or a value of the wrong kind, is malformed input, as it is anywhere else in a rule.
     */
    <S> List<FieldError> problems(WritebackType<S> type, WritebackSpec spec, String at) {
        S read;
        try {
            read = read(type, spec, true);
        } catch (UnrecognizedPropertyException e) {
            throw MalformedInput.unknownField(at + path(e));
        } catch (IOException e) {
            throw MalformedInput.wrongType(e instanceof JsonMappingException mapping ? at + path(mapping) : at);
        }
        return type.problems(read, RulePaths.INSTANCE).stream()
                .map(error -> new FieldError(at + "." + error.field(), error.detail())).toList();
    }

    /** The places the rule's write-backs point at for {@code event}, {@code document} being the event as JSON. */
    List<WritebackTarget> targets(RuleDefinition rule, IntakeEvent event, JsonNode document) {
        Event on = new Event(event, document);
        return rule.writebackList().stream().map(spec -> target(byType.get(spec.type()), spec, on)).toList();
    }

    private <S> WritebackTarget target(WritebackType<S> type, WritebackSpec spec, Event event) {
        try {
            return new WritebackTarget(type.name(), type.target(read(type, spec, false), event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The spec, strictly for a rule to be stored. A stored rule was valid when stored: it may keep a property that
     * another type took, which the rules of before allowed.
     */
    private <S> S read(WritebackType<S> type, WritebackSpec spec, boolean strict) throws IOException {
        ObjectReader reader = mapper.readerFor(type.spec());
        reader = strict ? reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                : reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode properties = mapper.valueToTree(spec.properties());
        return reader.readValue(properties);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
    }

    /** JSONPath as rules write it. */
    private enum RulePaths implements WritebackType.Paths {
        INSTANCE;

        @Override
        public boolean isPath(String expression) {
            return JsonPaths.isPath(expression);
        }

        @Override
        public Optional<String> problem(String expression) {
            return JsonPaths.problem(expression);
        }
    }

    /** The event as write-back types read it. */
    private record Event(IntakeEvent event, JsonNode document) implements WritebackType.Event {

        @Override
        public String learnerId() {
            return event.learner().id();
        }

        @Override
        public String courseId() {
            return event.course().id();
        }

        @Override
        public Optional<String> text(String expression) {
            return JsonPaths.text(document, expression);
        }
    }
}
