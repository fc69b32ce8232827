package io.certbridge.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Notes, for the audit log, what a controller's answer says without the body being kept: the {@code id} of the
 * resource it shows (so that a create is logged with the id it made) and the {@code code} of a problem. Only the
 * id is read: a record's {@code id} component, a map's or a JSON node's {@code id} entry.
 */
@RestControllerAdvice
class AuditedResponse implements ResponseBodyAdvice<Object> {

    private static final String PROBLEM_CODE = AuditedResponse.class.getName() + ".problemCode";

    private static final ClassValue<Method> RECORD_IDS = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals("id") && component.getType() == String.class) {
                        Method accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        return accessor;
                    }
                }
            }
            return null;
        }
    };

    static String problemCodeOf(HttpServletRequest request) {
        return (String) request.getAttribute(PROBLEM_CODE);
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet && AuditRecorder.audited(servlet.getServletRequest())) {
            HttpServletRequest http = servlet.getServletRequest();
            if (body instanceof ProblemDetail problem && problem.getProperties() != null
                    && problem.getProperties().get("code") instanceof String code) {
                http.setAttribute(PROBLEM_CODE, code);
            } else if (idOf(body) instanceof String id) {
                AuditContext.resource(http, id);
            }
        }
        return body;
    }

    private static Object idOf(Object body) {
        if (body instanceof Map<?, ?> map) {
            return map.get("id");
        }
        if (body instanceof JsonNode node) {
            return node.path("id").isTextual() ? node.get("id").asText() : null;
        }
        Method accessor = body == null ? null : RECORD_IDS.get(body.getClass());
        try {
            return accessor == null ? null : accessor.invoke(body);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
