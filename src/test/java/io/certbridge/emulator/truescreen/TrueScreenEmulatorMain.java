package io.certbridge.emulator.truescreen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs a {@link TrueScreenEmulator} on its own, to point a hub at: prints the hub settings, then reads commands from
 * standard input: {@code list} (every certification, its status and hashes), {@code credits <n>} (sets the
 * balance), {@code fail <n>} (the next n certifications end in TS-014), {@code outage on|off}; {@code quit} or end
 * of input stops.
 *
 * <p>From the project directory:
 * <pre>
 * .ci/with-jdk mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.certbridge.emulator.truescreen.TrueScreenEmulatorMain
 * </pre>
 * System properties, with their defaults: {@code truescreen.account=local} (the hub's account name),
 * {@code truescreen.apiKey=ts_local_certbridge}, {@code truescreen.webhookSecret=whsec_bG9jYWwtdHJ1ZXNjcmVlbi1zZWNyZXQ=},
 * {@code truescreen.webhookUrl} (none: callbacks go to each request's webhook_url),
 * {@code truescreen.processingMillis=2000}, {@code truescreen.credits=1000000}.
 */
public final class TrueScreenEmulatorMain {

    private TrueScreenEmulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        String account = System.getProperty("truescreen.account", "local");
        String apiKey = System.getProperty("truescreen.apiKey", "ts_local_certbridge");
        String secret = System.getProperty("truescreen.webhookSecret", "whsec_bG9jYWwtdHJ1ZXNjcmVlbi1zZWNyZXQ=");
        String webhookUrl = System.getProperty("truescreen.webhookUrl");
        try (TrueScreenEmulator truescreen = new TrueScreenEmulator(apiKey).start()) {
            truescreen.sendWebhooksTo(webhookUrl, secret);
            truescreen.processingTime(Duration.ofMillis(Long.getLong("truescreen.processingMillis", 2000)));
            truescreen.credits(Integer.getInteger("truescreen.credits", TrueScreenEmulator.DEFAULT_CREDITS));

            String env = "CERTBRIDGE_TRUESCREEN_" + account.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "") + "_";
            System.out.println("TrueScreen emulator at " + truescreen.baseUrl());
            System.out.println("Hub settings (certbridge.truescreen." + account + ".base-url, api-key, webhook-secret):");
            System.out.println("  " + env + "BASEURL=" + truescreen.baseUrl());
            System.out.println("  " + env + "APIKEY=" + apiKey);
            System.out.println("  " + env + "WEBHOOKSECRET=" + secret);
            System.out.println(webhookUrl == null ? "Callbacks go to each request's webhook_url."
                    : "Every callback goes to " + webhookUrl);
            System.out.println("Commands: list | credits <n> | fail <n> | outage on|off | quit");
            readCommands(truescreen);
        }
    }

    private static void readCommands(TrueScreenEmulator truescreen) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !line.strip().equals("quit"); line = lines.readLine()) {
            String[] words = line.strip().split("\\s+");
            try {
                switch (words[0]) {
                    case "" -> { }
                    case "list" -> truescreen.certifications().forEach(c -> System.out.println(c.reportId() + "  "
                            + c.status() + "  " + c.mode() + "  " + c.title() + "  "
                            + c.files().stream().map(Certification.CertifiedFile::sha256).toList()));
                    case "credits" -> truescreen.credits(Integer.parseInt(words[1]));
                    case "fail" -> truescreen.failProcessingOfNext(Integer.parseInt(words[1]));
                    case "outage" -> truescreen.outage(words[1].equals("on"));
                    default -> System.out.println("unknown command: " + words[0]);
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                System.out.println("usage: list | credits <n> | fail <n> | outage on|off | quit");
            }
        }
        System.out.println("credits left: " + truescreen.creditsLeft());
    }
}
