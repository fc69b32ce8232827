package io.certbridge.emulator.salesforce;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.core.type.TypeReference;
import io.certbridge.emulator.salesforce.SalesforceEmulator.PublishedEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SalesforceEmulator} on its own, to point a hub at: it lets a connected app log in with
 * client credentials and a user with a password (and, given a PKCS12 keystore, by the JWT bearer flow),
 * defines {@code Contact} with the certificate fields, creates a sample Contact, prints the hub settings,
 * then publishes one platform event per line of standard input (a JSON object: the event's fields).
 * {@code record <SObject> <Id>} prints a record; {@code quit} or end of input stops.
 *
 * <p>From the project directory (the plugin is named in full: the {@code exec:} prefix does not resolve
 * offline, and the {@code benchmark} profile fixes its own main class):
 * <pre>
 * .ci/with-jdk mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.certbridge.emulator.salesforce.SalesforceEmulatorMain
 * </pre>
 * System properties (add them to the command as {@code -D…}; shown with their defaults):
 * {@code salesforce.clientId=3MVG9certbridgeLocalConsumerKey}, {@code salesforce.clientSecret=local-secret},
 * {@code salesforce.username=integration@certbridge.local}, {@code salesforce.password=local-password},
 * {@code salesforce.channel=/event/Training_Completed__e}, {@code salesforce.longPollSeconds=110}, and for the
 * JWT bearer flow {@code salesforce.jwtKeystore} (a PKCS12 file whose certificate the connected app trusts,
 * e.g. the hub tests' {@code src/test/resources/salesforce/hub-jwt.p12}) with {@code salesforce.jwtKeystorePassword}.
 */
public final class SalesforceEmulatorMain {

    static final String SAMPLE_CONTACT_ID = "0035g00000XyZ12AAB";

    private SalesforceEmulatorMain() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        quietLibraryLogs();
        String clientId = System.getProperty("salesforce.clientId", "3MVG9certbridgeLocalConsumerKey");
        String clientSecret = System.getProperty("salesforce.clientSecret", "local-secret");
        String username = System.getProperty("salesforce.username", "integration@certbridge.local");
        String password = System.getProperty("salesforce.password", "local-password");
        String channel = System.getProperty("salesforce.channel", "/event/Training_Completed__e");
        String keystore = System.getProperty("salesforce.jwtKeystore");
        String keystorePassword = System.getProperty("salesforce.jwtKeystorePassword", "");
        Duration longPoll = Duration.ofSeconds(Long.getLong("salesforce.longPollSeconds",
                SalesforceEmulator.SALESFORCE_LONG_POLL_TIMEOUT.toSeconds()));

        try (SalesforceEmulator sf = SalesforceEmulator.start(longPoll)) {
            sf.allowClientCredentials(clientId, clientSecret);
            sf.allowPassword(clientId, clientSecret, username, password);
            if (keystore != null) {
                sf.allowJwtBearer(clientId, username, certificate(Path.of(keystore), keystorePassword));
            }
            sf.defineSObject("Contact", Set.of("FirstName", "LastName", "Email", "Certificate_Id__c",
                    "Certificate_URL__c", "Certificate_Status__c"));
            sf.createRecord("Contact", SAMPLE_CONTACT_ID,
                    Map.of("FirstName", "Ada", "LastName", "Lovelace", "Email", "ada@example.com"));

            System.out.println("Salesforce emulator at " + sf.url() + " (org " + sf.orgId() + ")");
            System.out.println("Hub settings (client credentials):");
            System.out.println("  CERTBRIDGE_SALESFORCE_LOGIN_URL=" + sf.url());
            System.out.println("  CERTBRIDGE_SALESFORCE_AUTH_TYPE=client_credentials");
            System.out.println("  CERTBRIDGE_SALESFORCE_AUTH_CLIENT_ID=" + clientId);
            System.out.println("  CERTBRIDGE_SALESFORCE_AUTH_CLIENT_SECRET=" + clientSecret);
            System.out.println("Or by password: CERTBRIDGE_SALESFORCE_AUTH_TYPE=password, CERTBRIDGE_SALESFORCE_AUTH_USERNAME="
                    + username + ", CERTBRIDGE_SALESFORCE_AUTH_PASSWORD=" + password);
            if (keystore != null) {
                System.out.println("Or by JWT: CERTBRIDGE_SALESFORCE_AUTH_TYPE=jwt, CERTBRIDGE_SALESFORCE_AUTH_USERNAME="
                        + username + ", CERTBRIDGE_SALESFORCE_AUTH_KEYSTORE=file:" + Path.of(keystore).toAbsolutePath()
                        + ", CERTBRIDGE_SALESFORCE_AUTH_KEYSTORE_PASSWORD=" + keystorePassword);
            }
            System.out.println("Sample Contact " + SAMPLE_CONTACT_ID + " (ada@example.com). Type one JSON object per line"
                    + " to publish it on " + channel + ", e.g.");
            System.out.println("  {\"Contact_Id__c\":\"" + SAMPLE_CONTACT_ID + "\",\"Contact_Email__c\":\"ada@example.com\","
                    + "\"Course_Code__c\":\"SAFETY-101\",\"Course_Name__c\":\"Workplace Safety Basics\"}");
            System.out.println("'record Contact " + SAMPLE_CONTACT_ID + "' prints the record; 'quit' stops.");
            readCommands(sf, channel, System.in);
        }
    }

    private static void readCommands(SalesforceEmulator sf, String channel, InputStream input) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String command = line.strip();
            if (command.equals("quit")) {
                return;
            }
            try {
                if (command.startsWith("record ")) {
                    String[] parts = command.split("\\s+");
                    System.out.println(parts.length == 3 ? sf.record(parts[1], parts[2]) : "usage: record <SObject> <Id>");
                } else if (!command.isEmpty()) {
                    Map<String, Object> fields = SalesforceJson.MAPPER.readValue(command, new TypeReference<>() {
                    });
                    PublishedEvent event = sf.publish(channel, fields);
                    System.out.println("published replayId " + event.replayId() + ", EventUuid " + event.eventUuid());
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("not published: " + e.getMessage());
            }
        }
    }

    private static X509Certificate certificate(Path keystore, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    /** Without a logging configuration Logback logs everything; Jetty's and CometD's debug lines would drown the prompt. */
    private static void quietLibraryLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        }
    }
}
