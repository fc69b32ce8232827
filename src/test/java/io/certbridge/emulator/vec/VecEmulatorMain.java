package io.certbridge.emulator.vec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a {@link VecEmulator} on its own, to point a hub at: it prints the hub settings, then reads commands from
 * standard input: {@code fail <n>} (the next n certificates fail processing), {@code outage}, {@code restore},
 * {@code list} (every certificate with its status), {@code quit} (or end of input) stops.
 *
 * <p>From the project directory:
 * <pre>
 * .ci/with-jdk mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.certbridge.emulator.vec.VecEmulatorMain
 * </pre>
 * System properties (shown with their defaults): {@code vec.token=vec-local-token},
 * {@code vec.webhookUrl} (the hub's webhook receiver; unset: no webhooks), {@code vec.webhookSecret=vec-local-webhook-secret},
 * {@code vec.processingSeconds=2}, {@code vec.rateLimitPerMinute=60}.
 */
public final class VecEmulatorMain {

    private VecEmulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        String token = System.getProperty("vec.token", "vec-local-token");
        String webhookUrl = System.getProperty("vec.webhookUrl");
        String secret = System.getProperty("vec.webhookSecret", "vec-local-webhook-secret");
        try (VecEmulator vec = new VecEmulator(token).start()) {
            vec.processingTime(Duration.ofSeconds(Long.getLong("vec.processingSeconds", 2)));
            vec.rateLimit(Integer.getInteger("vec.rateLimitPerMinute", 60), Duration.ofMinutes(1));
            if (webhookUrl != null) {
                vec.sendWebhooksTo(webhookUrl, secret);
            }
            System.out.println("VEC.digital emulator at " + vec.baseUrl() + " (API under /business/)");
            System.out.println("Hub settings:");
            System.out.println("  CERTBRIDGE_ISSUERS_VEC_TYPE=vec-vault");
            System.out.println("  CERTBRIDGE_ISSUERS_VEC_BASEURL=" + vec.baseUrl());
            System.out.println("  CERTBRIDGE_ISSUERS_VEC_APIKEY=" + token);
            System.out.println("  CERTBRIDGE_ISSUERS_VEC_WEBHOOKSECRET=" + secret);
            System.out.println(webhookUrl == null ? "No webhooks (set -Dvec.webhookUrl=… to receive them)."
                    : "Webhooks go to " + webhookUrl);
            System.out.println("Commands: 'fail <n>', 'outage', 'restore', 'list', 'quit'.");
            readCommands(vec);
        }
    }

    private static void readCommands(VecEmulator vec) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String[] command = line.strip().split("\\s+");
            switch (command[0]) {
                case "quit" -> {
                    return;
                }
                case "fail" -> vec.failNextProcessing(command.length > 1 && command[1].matches("\\d+")
                        ? Integer.parseInt(command[1]) : 1);
                case "outage" -> vec.outage();
                case "restore" -> vec.restore();
                case "list" -> vec.certificates().forEach(c -> System.out.println(c.referenceId() + " " + c.uuid() + " "
                        + c.status() + " " + c.applicantEmail() + " / " + c.certificateTitle() + " / " + c.issueDate()));
                case "" -> {
                }
                default -> System.out.println("unknown command: " + line);
            }
        }
    }
}
