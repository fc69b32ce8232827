package io.certbridge.emulator.trueapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a {@link TrueEmulator} on its own, prints the hub settings, then reads commands from standard input:
 * {@code list}, {@code view <id>}, {@code share <id>}, {@code verify <id>} (each sends its webhook), {@code quit}.
 * <pre>
 * .ci/with-jdk mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.certbridge.emulator.trueapi.TrueEmulatorMain -Dtrue.webhookUrl=http://127.0.0.1:8080/…
 * </pre>
 * System properties (defaults shown): {@code true.apiKey=true_sandbox_local_key}, {@code true.plan=standard} (or
 * {@code professional}), {@code true.processingSeconds=2}, {@code true.webhookSecret=local-webhook-secret}, and
 * {@code true.webhookUrl}, where the hub takes TRUE's webhooks (none are sent without it).
 */
public final class TrueEmulatorMain {

    private TrueEmulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        String apiKey = System.getProperty("true.apiKey", "true_sandbox_local_key");
        String secret = System.getProperty("true.webhookSecret", "local-webhook-secret");
        String webhookUrl = System.getProperty("true.webhookUrl");
        boolean professional = System.getProperty("true.plan", "standard").equalsIgnoreCase("professional");
        TrueEmulator.Plan plan = professional ? TrueEmulator.Plan.PROFESSIONAL : TrueEmulator.Plan.STANDARD;
        try (TrueEmulator emulator = new TrueEmulator(apiKey, plan).start()) {
            emulator.processingTime(Duration.ofSeconds(Long.getLong("true.processingSeconds", 2)));
            emulator.sendWebhooksTo(webhookUrl, secret);
            System.out.println("TRUE emulator at " + emulator.baseUrl() + ": " + plan + ", template "
                    + TrueEmulator.DEFAULT_TEMPLATE + " (requires course_name), webhooks to " + webhookUrl);
            System.out.println("Hub settings:\n  CERTBRIDGE_ISSUERS_TRUE_TYPE=true\n  CERTBRIDGE_ISSUERS_TRUE_BASEURL="
                    + emulator.baseUrl() + "\n  CERTBRIDGE_ISSUERS_TRUE_APIKEY=" + apiKey
                    + "\n  CERTBRIDGE_ISSUERS_TRUE_WEBHOOKSECRET=" + secret);
            System.out.println("Commands: list | view <id> | share <id> | verify <id> | quit");
            BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null && !line.strip().equals("quit"); line = lines.readLine()) {
                String[] words = (line.strip() + " ?").split("\\s+");
                try {
                    switch (words[0]) {
                        case "list" -> emulator.certificates().forEach(c -> System.out.println(
                                c.id + " " + c.status() + " " + c.recipientEmail + " " + c.templateId + " " + c.fields));
                        case "view" -> emulator.simulateView(words[1], "Stockholm, SE", "linkedin.com");
                        case "share" -> emulator.simulateShare(words[1], "linkedin");
                        case "verify" -> emulator.simulateVerification(words[1]);
                        default -> System.out.println("unknown command: " + line);
                    }
                } catch (ApiError notFound) {
                    System.out.println(notFound.getMessage());
                }
            }
        }
    }
}
