package io.certbridge.wallet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The wallet-facing endpoints answer in their protocol's error format, not the API's problem+json: a wallet library
 * reads {@code error} to decide what to do next (fetch a new c_nonce after {@code invalid_nonce}, …).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {TokenController.class, CredentialController.class})
class WalletErrorHandler {

    @ExceptionHandler(WalletError.class)
    ResponseEntity<Map<String, String>> refused(WalletError refusal) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", refusal.error());
        body.put("error_description", refusal.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status())
                .contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore());
        if (refusal.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"invalid_token\", error_description=\"" + refusal.getMessage() + "\"");
        }
        return response.body(body);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class,
            MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return refused(WalletError.badRequest("invalid_request", "the request is not one this endpoint reads"));
    }
}
