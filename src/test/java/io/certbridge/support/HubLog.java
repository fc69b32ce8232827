package io.certbridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * The shared test hub's log as a test captured it. The capture also holds what the embedded Kafka says of itself
 * (on a loaded machine, an ERROR of an overloaded controller now and then), so only the lines of Camel's and
 * certbridge's loggers, and their stack traces, are taken for the hub's.
 */
public final class HubLog {

    /** The logger column of Spring Boot's console pattern, shortened as it prints it. */
    private static final Pattern HUB_ERROR = Pattern.compile(
            " ERROR .*\\] (o\\.a\\.c|org\\.apache\\.camel|i\\.c|io\\.certbridge)\\.");

    private HubLog() {
    }

    /** The captured lines holding the text, in order. */
    public static List<String> linesWith(CapturedOutput output, String text) {
        return output.getOut().lines().filter(line -> line.contains(text)).toList();
    }

    /** No line of Camel or certbridge at level ERROR, no stack trace through their code, no Camel "Exhausted". */
    public static void assertNoErrorNorStackTrace(CapturedOutput output) {
        assertThat(output.getOut().lines())
                .noneMatch(line -> HUB_ERROR.matcher(line).find())
                .noneMatch(line -> line.startsWith("\tat org.apache.camel") || line.startsWith("\tat io.certbridge"))
                .noneMatch(line -> line.contains("Exhausted after delivery attempt"));
    }

    /** No stack trace through Camel's or certbridge's code. */
    public static void assertNoStackTrace(CapturedOutput output) {
        assertThat(output.getOut().lines())
                .noneMatch(line -> line.startsWith("\tat org.apache.camel") || line.startsWith("\tat io.certbridge"));
    }
}
