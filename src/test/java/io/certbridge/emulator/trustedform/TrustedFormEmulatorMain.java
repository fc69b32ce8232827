package io.certbridge.emulator.trustedform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Runs a {@link TrustedFormEmulator} on its own, to point a hub at: makes a sample certificate, prints the hub
 * settings, then reads commands from standard input: {@code new [email] [phone]} (a certificate, its URL printed),
 * {@code expired [email] [phone]} (one already expired), {@code expire <url>}, {@code list} (every certificate, its
 * retain count and retention), {@code calls} (every request and its status, key redacted); {@code quit} or end of
 * input stops.
 *
 * <p>From the project directory:
 * <pre>
 * .ci/with-jdk mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.certbridge.emulator.trustedform.TrustedFormEmulatorMain
 * </pre>
 * System property, with its default: {@code trustedform.apiKey=tf_local_certbridge_key}.
 */
public final class TrustedFormEmulatorMain {

    private TrustedFormEmulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        String apiKey = System.getProperty("trustedform.apiKey", "tf_local_certbridge_key");
        try (TrustedFormEmulator trustedForm = new TrustedFormEmulator(apiKey).start()) {
            String sample = trustedForm.newCertificate("jane.doe@example.com", "512-555-0100");
            System.out.println("TrustedForm emulator at " + trustedForm.baseUrl());
            System.out.println("Hub settings (the allowed prefix replaces https://cert.trustedform.com/):");
            System.out.println("  CERTBRIDGE_TRUSTEDFORM_APIKEY=" + apiKey);
            System.out.println("  CERTBRIDGE_TRUSTEDFORM_ALLOWEDURLPREFIX=" + trustedForm.certificateUrlPrefix());
            System.out.println("Sample certificate (jane.doe@example.com, 512-555-0100): " + sample);
            System.out.println("Commands: new [email] [phone] | expired [email] [phone] | expire <url> | list | calls"
                    + " | quit");
            readCommands(trustedForm);
        }
    }

    private static void readCommands(TrustedFormEmulator trustedForm) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !line.strip().equals("quit"); line = lines.readLine()) {
            String[] words = line.strip().split("\\s+");
            String first = words.length > 1 ? words[1] : null;
            String second = words.length > 2 ? words[2] : null;
            switch (words[0]) {
                case "" -> { }
                case "new" -> System.out.println(trustedForm.newCertificate(first, second));
                case "expired" -> System.out.println(trustedForm.newExpiredCertificate(first, second));
                case "expire" -> System.out.println(
                        first != null && trustedForm.expire(first) ? "expired" : "no such certificate");
                case "list" -> trustedForm.certificates().forEach(c -> System.out.println(
                        trustedForm.certificateUrlPrefix() + c.id() + "  retains=" + c.retains()
                                + "  window ends " + c.expiresAt() + "  " + c.retention()));
                case "calls" -> trustedForm.calls().forEach(c -> System.out.println(
                        c.at() + "  " + c.method() + " " + c.path() + "  " + c.status()
                                + "  Authorization: " + c.header("Authorization")));
                default -> System.out.println("unknown command: " + words[0]);
            }
        }
    }
}
