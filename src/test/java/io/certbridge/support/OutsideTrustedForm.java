package io.certbridge.support;

import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.emulator.trustedform.TrustedFormEmulator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The emulated cert.trustedform.com that the shared test hub retains certificates at, started once, the Lead object of
 * the emulated Salesforce org with the fields a retain writes, and the certbridge.trustedform settings: a
 * platform-event channel of captured Leads read with the default JSONPath expressions, and (for the shared test hub)
 * Change Data Capture of Leads.
 */
public final class OutsideTrustedForm {

    public static final String API_KEY = "tf_test_key_5b0e2c7a9d";
    public static final String CHANNEL = "/event/Lead_Captured__e";
    /** Change Data Capture of Leads, the shared test hub's second channel. */
    public static final String CHANGE_EVENTS = "/data/LeadChangeEvent";
    public static final Set<String> LEAD_FIELDS = Set.of("LastName", "Email", "Phone", "LeadSource",
            "TrustedForm_Certificate_URL__c", "TrustedForm_Retained__c", "TrustedForm_Expires_At__c",
            "TrustedForm_Outcome__c");

    private static TrustedFormEmulator trustedForm;

    private OutsideTrustedForm() {
    }

    public static synchronized TrustedFormEmulator trustedForm() {
        if (trustedForm == null) {
            trustedForm = new TrustedFormEmulator(API_KEY).start();
        }
        return trustedForm;
    }

    /**
     * The org of {@link OutsideSystems#salesforce()}, with the Lead object a retain writes to, its changes published
     * by Change Data Capture.
     */
    public static SalesforceEmulator salesforce() {
        SalesforceEmulator salesforce = OutsideSystems.salesforce();
        salesforce.defineSObject("Lead", LEAD_FIELDS);
        salesforce.enableChangeDataCapture("Lead");
        return salesforce;
    }

    /** The settings of a hub retaining at {@code trustedForm}, reading the Leads of {@link #CHANNEL}. */
    public static Map<String, String> settings(TrustedFormEmulator trustedForm) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("certbridge.trustedform.api-key", API_KEY);
        settings.put("certbridge.trustedform.allowed-url-prefix", trustedForm.certificateUrlPrefix());
        settings.put("certbridge.trustedform.channels[0].name", CHANNEL);
        // an answer that does not come must not take the tests' time
        settings.put("camel.kamelet.trustedform-retain-sink.responseTimeout", "2000");
        return settings;
    }

    static void register(DynamicPropertyRegistry registry) {
        salesforce();
        settings(trustedForm()).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("certbridge.trustedform.channels[1].name", () -> CHANGE_EVENTS);
    }
}
