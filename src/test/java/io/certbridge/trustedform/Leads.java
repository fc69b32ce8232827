package io.certbridge.trustedform;

import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.support.OutsideTrustedForm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Leads of the emulated org, and the Lead_Captured__e events its web-to-lead flow publishes for them. */
final class Leads {

    private Leads() {
    }

    /** A new Lead's id: 18 characters, starting with Lead's key prefix 00Q. */
    static String id() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("00Q");
        ThreadLocalRandom.current().ints(15, 0, alphabet.length()).forEach(i -> id.append(alphabet.charAt(i)));
        return id.toString();
    }

    /** A new Lead with this e-mail; its id. */
    static String create(SalesforceEmulator salesforce, String email) {
        String id = id();
        salesforce.createRecord("Lead", id, Map.of("LastName", "Doe", "Email", email));
        return id;
    }

    /** Publishes that the Lead was captured with this certificate. */
    static void captured(SalesforceEmulator salesforce, String lead, String email, String certificateUrl) {
        captured(salesforce, OutsideTrustedForm.CHANNEL, lead, email, certificateUrl);
    }

    static void captured(SalesforceEmulator salesforce, String channel, String lead, String email,
                         String certificateUrl) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("Lead_Id__c", lead);
        payload.put("TrustedForm_Certificate_URL__c", certificateUrl);
        payload.put("LeadSource", "Acme Leads");
        payload.put("Email", email);
        payload.put("Phone", "(512) 555-0100");
        salesforce.publish(channel, payload);
    }
}
