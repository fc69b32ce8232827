package io.certbridge.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.Problem;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a controller into problem+json; nothing leaves as a stack trace. Domain
 * {@link Problem}s are answered as {@link ApiProblem#of(Problem)} says; Spring's own failures as below.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemResponses problems;

    public ApiExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<Object> problem(Problem problem) {
        return problems.entity(ApiProblem.of(problem));
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        return problems.entity(problem);
    }

    /** A problem raised while the body was read (it outgrew the size limit) is answered as itself. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem problem) {
                return problems.entity(problem);
            }
        }
        return problem(unreadableBody(e.getCause()));
    }

    private static MalformedInput unreadableBody(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return MalformedInput.unknownField(path(unknown));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return MalformedInput.wrongType(path(mapping));
        }
        if (cause instanceof MismatchedInputException) {
            return new MalformedInput("invalid_type", "The body must be a JSON object", null);
        }
        if (cause instanceof JsonProcessingException parse) {
            return new MalformedInput("malformed_json", "The body is not valid JSON: " + parse.getOriginalMessage(),
                    null);
        }
        return new MalformedInput("malformed_json", "The request needs a JSON body", null);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException e) {
        return problem(new MalformedInput("invalid_parameter", "has an invalid value", e.getName()));
    }

    /** PostgreSQL refused a value (SQLSTATE class 22, such as a character it cannot store): the input's fault. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> unstorable(DataIntegrityViolationException e) {
        return problem(new InvalidInput("invalid_value", "A value in the request cannot be stored", null));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        boolean form = e.getSupportedMediaTypes().contains(MediaType.MULTIPART_FORM_DATA);
        return problems.entity(new ApiProblem(415, "unsupported_media_type", "Unsupported media type",
                "Send the body as " + (form ? MediaType.MULTIPART_FORM_DATA_VALUE : MediaType.APPLICATION_JSON_VALUE)));
    }

    /** A file larger than even the body limit lets through (a chunked upload), as that limit answers. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Object> uploadTooLarge(MaxUploadSizeExceededException e) {
        return problems.entity(new ApiProblem(413, "payload_too_large", "Payload too large",
                "The upload is larger than " + e.getMaxUploadSize() + " bytes"));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> malformedMultipart(MultipartException e) {
        return problem(new MalformedInput("malformed_multipart", "The body is not a readable multipart/form-data form",
                null));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problems.entity(new ApiProblem(406, "not_acceptable", "Not acceptable", "This API answers in JSON"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return problems.entity(new ApiProblem(405, "method_not_allowed", "Method not allowed",
                e.getMethod() + " is not supported here"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> noSuchPath(NoResourceFoundException e) {
        return problems.entity(new ApiProblem(404, "resource_not_found", "Not found",
                "No resource at /" + e.getResourcePath()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure while serving a request", e);
        return problems.entity(new ApiProblem(500, "internal_error", "Internal error",
                "Something went wrong on our side; the request may be retried"));
    }
}
