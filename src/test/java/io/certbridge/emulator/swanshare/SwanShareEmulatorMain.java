package io.certbridge.emulator.swanshare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a {@link SwanShareEmulator} on its own, to point a hub at: prints the hub settings, then reads commands from
 * standard input: {@code list} (every credential and its status), {@code revoke <verify_id>} (as the dashboard does),
 * and {@code month} (a new billing month); {@code quit} or end of input stops.
 *
 * <p>From the project directory:
 * <pre>
 * .ci/with-jdk mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.certbridge.emulator.swanshare.SwanShareEmulatorMain \
 *     -Dswanshare.webhookUrl=http://127.0.0.1:8080/&lt;the hub's SwanShare webhook path&gt;
 * </pre>
 * System properties, with their defaults: {@code swanshare.apiKey=swan_sk_local_certbridge},
 * {@code swanshare.webhookUrl} (none: no webhooks are sent), {@code swanshare.webhookSecret=whsec_local_swanshare},
 * {@code swanshare.webhookDelayMillis=2000}, {@code swanshare.requestsPerMinute=120},
 * {@code swanshare.monthlyQuota=100000}.
 */
public final class SwanShareEmulatorMain {

    private SwanShareEmulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        String apiKey = System.getProperty("swanshare.apiKey", "swan_sk_local_certbridge");
        String webhookUrl = System.getProperty("swanshare.webhookUrl");
        String webhookSecret = System.getProperty("swanshare.webhookSecret", "whsec_local_swanshare");
        try (SwanShareEmulator swan = new SwanShareEmulator(apiKey).start()) {
            swan.rateLimit(Integer.getInteger("swanshare.requestsPerMinute", 120), Duration.ofMinutes(1));
            swan.monthlyQuota(Integer.getInteger("swanshare.monthlyQuota", SwanShareEmulator.DEFAULT_MONTHLY_QUOTA));
            swan.webhookDelay(Duration.ofMillis(Long.getLong("swanshare.webhookDelayMillis", 2000)));
            swan.sendWebhooksTo(webhookUrl, webhookSecret);

            System.out.println("SwanShare emulator at " + swan.baseUrl() + " (API at " + swan.apiBaseUrl() + ")");
            System.out.println("Hub settings:");
            System.out.println("  CERTBRIDGE_ISSUERS_SWANSHARE_TYPE=swanshare");
            System.out.println("  CERTBRIDGE_ISSUERS_SWANSHARE_BASEURL=" + swan.apiBaseUrl());
            System.out.println("  CERTBRIDGE_ISSUERS_SWANSHARE_APIKEY=" + apiKey);
            System.out.println("  CERTBRIDGE_ISSUERS_SWANSHARE_WEBHOOKSECRET=" + webhookSecret);
            System.out.println(webhookUrl == null ? "No webhooks: set -Dswanshare.webhookUrl to the hub's endpoint."
                    : "Webhooks go to " + webhookUrl);
            System.out.println("Commands: list | revoke <verify_id> | month | quit");
            readCommands(swan);
        }
    }

    private static void readCommands(SwanShareEmulator swan) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !line.strip().equals("quit"); line = lines.readLine()) {
            String[] words = line.strip().split("\\s+", 3);
            switch (words[0]) {
                case "" -> { }
                case "list" -> swan.credentials().forEach(c -> System.out.println(c.verifyId() + "  "
                        + swan.status(c.verifyId()) + "  " + c.recipientName() + "  " + c.title() + "  " + c.fields()));
                case "revoke" -> System.out.println(
                        words.length > 1 && swan.revoke(words[1]) ? "revoked" : "no such credential");
                case "month" -> {
                    swan.startNewMonth();
                    System.out.println("new month: quota whole again");
                }
                default -> System.out.println("unknown command: " + words[0]);
            }
        }
    }
}
