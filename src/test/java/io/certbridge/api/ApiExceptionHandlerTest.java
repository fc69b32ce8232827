package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import io.certbridge.intake.IntakeProblems;
import io.certbridge.issuance.UnknownTemplate;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotAcceptable;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.Problem;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.BidiControls;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every kind of domain problem, in each form the code throws it, answers with exactly the status and
 * problem+json body that the API gave before the problems left the HTTP layer.
 */
class ApiExceptionHandlerTest {

    /** As the hub's: Spring's builder gives ProblemDetail its RFC 9457 shape. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json()
            .failOnUnknownProperties(true).build();

    private final ApiExceptionHandler handler = new ApiExceptionHandler(new ProblemResponses(JSON));

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of(new NotFound("certificate", "cert_1"), 404, """
                        {"type":"urn:certbridge:problem:resource_not_found","title":"Not found","status":404,\
                        "detail":"No certificate with id cert_1","code":"resource_not_found","errors":[]}"""),
                Arguments.of(new NotFound("unknown_source", "Not found", "No intake source named lms", List.of()), 404, """
                        {"type":"urn:certbridge:problem:unknown_source","title":"Not found","status":404,\
                        "detail":"No intake source named lms","code":"unknown_source","errors":[]}"""),
                Arguments.of(new Conflict("certificate_revoked", "Certificate cert_1 is revoked"), 409, """
                        {"type":"urn:certbridge:problem:certificate_revoked","title":"Conflict","status":409,\
                        "detail":"Certificate cert_1 is revoked","code":"certificate_revoked","errors":[]}"""),
                Arguments.of(new ValidationFailed("template_id", "is required"), 422, """
                        {"type":"urn:certbridge:problem:validation_failed","title":"The request is invalid",\
                        "status":422,"detail":"template_id is required","code":"validation_failed",\
                        "errors":[{"field":"template_id","detail":"is required"}]}"""),
                Arguments.of(new ValidationFailed(List.of(new FieldError("name", "is required"),
                        new FieldError("events", "is empty"))), 422, """
                        {"type":"urn:certbridge:problem:validation_failed","title":"The request is invalid",\
                        "status":422,"detail":"2 fields are invalid","code":"validation_failed",\
                        "errors":[{"field":"name","detail":"is required"},{"field":"events","detail":"is empty"}]}"""),
                Arguments.of(new InvalidInput("url_not_https", "The URL must start with https://.", "url"), 422, """
                        {"type":"urn:certbridge:problem:url_not_https","title":"The request is invalid","status":422,\
                        "detail":"The URL must start with https://.","code":"url_not_https",\
                        "errors":[{"field":"url","detail":"The URL must start with https://."}]}"""),
                Arguments.of(new InvalidInput("too_many_endpoints", "At most 16", null), 422, """
                        {"type":"urn:certbridge:problem:too_many_endpoints","title":"The request is invalid",\
                        "status":422,"detail":"At most 16","code":"too_many_endpoints","errors":[]}"""),
                Arguments.of(new UnknownTemplate("tmpl_1"), 422, """
                        {"type":"urn:certbridge:problem:unknown_template","title":"Unknown template","status":422,\
                        "detail":"No template with id tmpl_1","code":"unknown_template",\
                        "errors":[{"field":"template_id","detail":"is not a known template"}]}"""),
                Arguments.of(BidiControls.problem(List.of(BidiControls.error("recipient.name"))), 422, """
                        {"type":"urn:certbridge:problem:bidi_control_character",\
                        "title":"Text holds a bidirectional control character","status":422,\
                        "detail":"recipient.name contains a bidirectional control character (U+202A to U+202E or \
                        U+2066 to U+2069), which would change the order in which the text is shown",\
                        "code":"bidi_control_character","errors":[{"field":"recipient.name","detail":"contains a \
                        bidirectional control character (U+202A to U+202E or U+2066 to U+2069), which would change \
                        the order in which the text is shown"}]}"""),
                Arguments.of(BidiControls.problem(List.of(new FieldError("fields.grade", "must be a number"))), 422, """
                        {"type":"urn:certbridge:problem:validation_failed","title":"The request is invalid",\
                        "status":422,"detail":"fields.grade must be a number","code":"validation_failed",\
                        "errors":[{"field":"fields.grade","detail":"must be a number"}]}"""),
                Arguments.of(new MalformedInput("invalid_parameter", "must be between 1 and 100", "limit"), 400, """
                        {"type":"urn:certbridge:problem:invalid_parameter","title":"The request is malformed",\
                        "status":400,"detail":"must be between 1 and 100","code":"invalid_parameter",\
                        "errors":[{"field":"limit","detail":"must be between 1 and 100"}]}"""),
                Arguments.of(new MalformedInput("not_a_credential", "The body must be a credential", null), 400, """
                        {"type":"urn:certbridge:problem:not_a_credential","title":"The request is malformed",\
                        "status":400,"detail":"The body must be a credential","code":"not_a_credential",\
                        "errors":[]}"""),
                Arguments.of(IntakeProblems.malformed("eventname is missing"), 400, """
                        {"type":"urn:certbridge:problem:invalid_event","title":"The event is malformed","status":400,\
                        "detail":"eventname is missing","code":"invalid_event","errors":[]}"""),
                Arguments.of(IntakeProblems.unauthenticated(), 401, """
                        {"type":"urn:certbridge:problem:invalid_signature","title":"Not authenticated","status":401,\
                        "detail":"The delivery's signature or token is missing or not valid",\
                        "code":"invalid_signature","errors":[]}"""),
                Arguments.of(new NotAcceptable("This document is served as application/json"), 406, """
                        {"type":"urn:certbridge:problem:not_acceptable","title":"Not acceptable","status":406,\
                        "detail":"This document is served as application/json","code":"not_acceptable",\
                        "errors":[]}"""),
                Arguments.of(IntakeProblems.unavailable(), 503, """
                        {"type":"urn:certbridge:problem:intake_unavailable","title":"Try again later","status":503,\
                        "detail":"The event could not be stored; nothing was recorded, so send it again",\
                        "code":"intake_unavailable","errors":[]}"""));
    }

    @ParameterizedTest
    @MethodSource("problems")
    void aDomainProblemIsAnsweredWithItsStatusAndBody(Problem problem, int status, String body) throws Exception {
        assertAnswer(handler.problem(problem), status, body);
    }

    record Recipient(String name) {
    }

    @Test
    void anUnknownFieldInTheBodyIsAMalformedRequestNamingIt() throws Exception {
        Throwable unknown = catchThrowable(() -> JSON.readValue("{\"colour\": \"red\"}", Recipient.class));
        HttpMessageNotReadableException unreadable =
                new HttpMessageNotReadableException("unreadable", unknown, mock(HttpInputMessage.class));

        assertAnswer(handler.unreadable(unreadable), 400, """
                {"type":"urn:certbridge:problem:unknown_field","title":"The request is malformed","status":400,\
                "detail":"is not a known field","code":"unknown_field",\
                "errors":[{"field":"colour","detail":"is not a known field"}]}""");
    }

    @Test
    void aParameterOfTheWrongTypeIsAMalformedRequestNamingIt() throws Exception {
        MethodArgumentTypeMismatchException mismatch =
                new MethodArgumentTypeMismatchException("many", Integer.class, "limit", null, null);

        assertAnswer(handler.badParameter(mismatch), 400, """
                {"type":"urn:certbridge:problem:invalid_parameter","title":"The request is malformed","status":400,\
                "detail":"has an invalid value","code":"invalid_parameter",\
                "errors":[{"field":"limit","detail":"has an invalid value"}]}""");
    }

    @Test
    void aValueTheDatabaseRefusesIsInvalidInput() throws Exception {
        assertAnswer(handler.unstorable(new DataIntegrityViolationException("22021")), 422, """
                {"type":"urn:certbridge:problem:invalid_value","title":"The request is invalid","status":422,\
                "detail":"A value in the request cannot be stored","code":"invalid_value","errors":[]}""");
    }

    private static void assertAnswer(ResponseEntity<Object> answer, int status, String body) throws Exception {
        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(JSON.writeValueAsString(answer.getBody())).isEqualTo(body);
    }
}
