package io.certbridge.emulator.trueapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a {@link TrueEmulator} on its own, prints the hub settings, then reads commands from standard input:
 * {@code view <id>}, {@code share <id> [linkedin|embed]}, {@code verify <id>} (each sends its webhook),
 * {@code list}, {@code outage on|off}, {@code quit}.
 *
 * <p>From the project directory:
 * <pre>
 * .ci/with-jdk mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.certbridge.emulator.trueapi.TrueEmulatorMain
 * </pre>
 * System properties (defaults shown): {@code true.apiKey=true_sandbox_local_key}, {@code true.plan=standard}
 * (or {@code professional}), {@code true.processingSeconds=2}, {@code true.webhookSecret=local-webhook-secret},
 * and {@code true.webhookUrl} (where the hub receives TRUE's webhooks; none are sent without it).
 */
public final class TrueEmulatorMain {

    private TrueEmulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        String apiKey = System.getProperty("true.apiKey", "true_sandbox_local_key");
        String secret = System.getProperty("true.webhookSecret", "local-webhook-secret");
        String webhookUrl = System.getProperty("true.webhookUrl");
        TrueEmulator.Plan plan = System.getProperty("true.plan", "standard").equalsIgnoreCase("professional")
                ? TrueEmulator.Plan.PROFESSIONAL : TrueEmulator.Plan.STANDARD;

        try (TrueEmulator emulator = new TrueEmulator(apiKey, plan).start()) {
            emulator.processingTime(Duration.ofSeconds(Long.getLong("true.processingSeconds", 2)));
            if (webhookUrl != null) {
                emulator.sendWebhooksTo(webhookUrl, secret);
            }
            System.out.println("TRUE emulator at " + emulator.baseUrl() + " (" + plan.requestsPerMinute()
                    + " requests/minute, batches of up to " + plan.maxBatchSize() + ", template "
                    + TrueEmulator.DEFAULT_TEMPLATE + " requiring course_name)");
            System.out.println("Hub settings:");
            System.out.println("  CERTBRIDGE_ISSUERS_TRUE_TYPE=true");
            System.out.println("  CERTBRIDGE_ISSUERS_TRUE_BASEURL=" + emulator.baseUrl());
            System.out.println("  CERTBRIDGE_ISSUERS_TRUE_APIKEY=" + apiKey);
            System.out.println("  CERTBRIDGE_ISSUERS_TRUE_WEBHOOKSECRET=" + secret);
            System.out.println(webhookUrl == null ? "No webhooks: start with -Dtrue.webhookUrl=<hub's TRUE webhook URL>."
                    : "Webhooks go to " + webhookUrl + " (X-True-Signature: hex HMAC-SHA256 of the body).");
            System.out.println("Commands: view <id> | share <id> [linkedin|embed] | verify <id> | list | outage on|off | quit");
            readCommands(emulator);
        }
    }

    private static void readCommands(TrueEmulator emulator) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String[] words = line.strip().split("\\s+");
            try {
                switch (words[0]) {
                    case "quit" -> {
                        return;
                    }
                    case "view" -> emulator.simulateView(words[1], "Stockholm, SE", "linkedin.com");
                    case "share" -> emulator.simulateShare(words[1], words.length > 2 ? words[2] : "linkedin");
                    case "verify" -> emulator.simulateVerification(words[1]);
                    case "outage" -> emulator.outage(words[1].equals("on"));
                    case "list" -> emulator.certificates().forEach(c -> System.out.println(
                            c.id + " " + c.status() + " " + c.recipientEmail + " " + c.templateId + " " + c.fields));
                    case "" -> {
                    }
                    default -> System.out.println("unknown command: " + words[0]);
                }
            } catch (ArrayIndexOutOfBoundsException missingArgument) {
                System.out.println("missing argument for " + words[0]);
            } catch (ApiError notFound) {
                System.out.println(notFound.getMessage());
            }
        }
    }
}
