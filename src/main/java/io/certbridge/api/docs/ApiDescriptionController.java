package io.certbridge.api.docs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/openapi.json} for anyone, and the reference page that renders it with the Swagger UI the hub
 * serves from its own webjar: nothing is loaded from another host, and "Try it out" calls this hub.
 */
@RestController
class ApiDescriptionController {

    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final CacheControl CACHING = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final ApiDescription description;
    private final ApiReferencePage page;

    ApiDescriptionController(ApiDescription description, ApiReferencePage page) {
        this.description = description;
        this.page = page;
    }

    /** Spring MVC answers 304 itself when If-None-Match names this ETag. */
    @GetMapping(path = "/v1/openapi.json", produces = "application/json")
    ResponseEntity<byte[]> description() {
        return ResponseEntity.ok().eTag(description.etag()).cacheControl(CACHING)
                .contentType(MediaType.APPLICATION_JSON).body(description.json());
    }

    @GetMapping(path = "/v1/docs", produces = "text/html")
    ResponseEntity<String> page() {
        return ResponseEntity.ok().cacheControl(CACHING).header("Content-Security-Policy", PAGE_POLICY)
                .contentType(new MediaType(MediaType.TEXT_HTML, UTF_8))
                .body(page.html());
    }
}
