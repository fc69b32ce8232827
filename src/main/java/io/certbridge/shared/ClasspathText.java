package io.certbridge.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/** Text files shipped inside the application, such as page and design templates. */
public final class ClasspathText {

    private ClasspathText() {
    }

    public static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing from the application: " + path, e);
        }
    }
}
