package io.certbridge.api.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * The reference page: Swagger UI from the {@code org.webjars:swagger-ui} jar (served by Spring Boot under
 * {@code /webjars/}), started on {@code openapi.json} by {@code static/api-reference/start.js}. Links are relative,
 * so the page works behind a proxy that serves the hub under a path of its own.
 */
@Component
class ApiReferencePage {

    private final String html;

    ApiReferencePage() {
        String assets = "../webjars/swagger-ui/" + swaggerUiVersion() + "/";
        this.html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>certbridge API reference</title>
                  <link rel="stylesheet" href="%1$sswagger-ui.css">
                </head>
                <body>
                  <main id="reference" aria-label="certbridge API reference"></main>
                  <noscript><p>This page needs JavaScript; the description itself is at
                    <a href="openapi.json">openapi.json</a>.</p></noscript>
                  <script src="%1$sswagger-ui-bundle.js"></script>
                  <script src="../api-reference/start.js"></script>
                </body>
                </html>
                """.formatted(assets);
    }

    String html() {
        return html;
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiReferencePage.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
