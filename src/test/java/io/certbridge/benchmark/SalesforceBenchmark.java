package io.certbridge.benchmark;

import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.support.ApiClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Platform events carried through to a written-back record: distinct completions are published on the
 * emulated org's channel as fast as it takes them, and timed until every Contact has its certificate.
 */
final class SalesforceBenchmark {

    static final String CHANNEL = "/event/Training_Completed__e";
    private static final int EVENTS = 5_000;

    private final ApiClient api;
    private final SalesforceEmulator salesforce;
    private final JdbcClient jdbc;
    private final String template;

    SalesforceBenchmark(ApiClient api, SalesforceEmulator salesforce, JdbcClient jdbc, String template) {
        this.api = api;
        this.salesforce = salesforce;
        this.jdbc = jdbc;
        this.template = template;
    }

    void run() throws InterruptedException {
        api.post("/v1/rules", Map.of("name", "Salesforce benchmark", "source", "salesforce",
                "event_type", "Training_Completed__e", "course_id", "BENCH-1", "template_id", template,
                "fields", Map.of("course", "$.course.name"), "writebacks", List.of(Map.of("type", "salesforce_record"))));
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String contact = "003BENCH%07dAAA".formatted(i);
            salesforce.createRecord("Contact", contact, Map.of("LastName", "Learner " + i));
            contacts.add(contact);
        }
        long doneBefore = done();
        int patchesBefore = salesforce.requests("/services/data/v62.0/sobjects/").size();
        int compositesBefore = salesforce.requests("/services/data/v62.0/composite").size();
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("Contact_Id__c", contacts.get(i));
            payload.put("Contact_Name__c", "Learner " + i);
            payload.put("Contact_Email__c", "learner" + i + "@bench.example.org");
            payload.put("Course_Code__c", "BENCH-1");
            payload.put("Course_Name__c", "Benchmarking");
            salesforce.publish(CHANNEL, payload);
        }
        double published = (System.nanoTime() - start) / 1e9;
        while (done() - doneBefore < EVENTS) {
            if ((System.nanoTime() - start) / 1e9 > 600) {
                throw new IllegalStateException("Only " + (done() - doneBefore) + " write-backs done after 10 minutes");
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long written = contacts.stream().filter(c -> salesforce.record("Contact", c).get("Certificate_Id__c") != null)
                .count();
        System.out.printf("Salesforce: %,d platform events (published in %.1f s) issued and written back to their "
                        + "Contacts in %.1f s: %,.0f events/s; %,d Contacts written with %,d PATCH and %,d composite "
                        + "requests%n", EVENTS, published, seconds, EVENTS / seconds, written,
                salesforce.requests("/services/data/v62.0/sobjects/").size() - patchesBefore,
                salesforce.requests("/services/data/v62.0/composite").size() - compositesBefore);
    }

    private long done() {
        return jdbc.sql("select count(*) from deliveries where status = 'delivered' and connector = ?")
                .param("salesforce-update-sobject-sink").query(Long.class).single();
    }
}
