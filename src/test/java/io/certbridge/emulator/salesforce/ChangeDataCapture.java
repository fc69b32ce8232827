package io.certbridge.emulator.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Change Data Capture of the emulated org, as a CometD (Streaming API) subscriber receives it: for each sObject type
 * selected ({@link SalesforceEmulator#enableChangeDataCapture}), every record created or changed publishes a change
 * event on {@code /data/<Type>ChangeEvent} ({@code /data/<Name>__ChangeEvent} for a custom {@code <Name>__c}), with
 * the replay ids of {@link PlatformEventBus}. From the Change Data Capture Developer Guide ("Change Event Message
 * Structure", "Change Event Header Fields", "Change Event Body Fields", JSON for CometD clients):
 * <pre>
 * {"data": {"schema": "&lt;id&gt;",
 *           "payload": {"ChangeEventHeader": {"entityName": "Lead", "recordIds": ["00Q…"],
 *                                             "changeType": "CREATE" | "UPDATE", "changeOrigin": "…",
 *                                             "transactionKey": "&lt;uuid&gt;", "sequenceNumber": 1,
 *                                             "commitTimestamp": &lt;epoch ms&gt;, "commitNumber": &lt;n&gt;,
 *                                             "commitUser": "005…", "changedFields": […],
 *                                             "nulledFields": […], "diffFields": []},
 *                       "&lt;Field&gt;": &lt;value&gt;, …},
 *           "event": {"replayId": &lt;n&gt;}},
 *  "channel": "/data/LeadChangeEvent"}
 * </pre>
 * CREATE carries every non-empty field and the system fields CreatedDate, CreatedById, LastModifiedDate and
 * LastModifiedById, with {@code changedFields} empty; UPDATE carries only the fields whose value changed (a field set
 * to null as null, also named in {@code nulledFields}) and LastModifiedDate, all named in {@code changedFields}.
 * A change event has no {@code EventUuid}.
 *
 * <p>Assumed where the documents are silent:
 * <ul>
 * <li>An update that changes no value publishes nothing.</li>
 * <li>{@code changeOrigin} is {@code com/salesforce/api/rest/<version>} for a change made through the REST API and
 *     empty for one made by a test (a user in the UI); {@code commitUser} is the org's integration user either
 *     way, so LastModifiedById never changes and is never in an UPDATE.</li>
 * <li>Each change is a transaction of its own ({@code sequenceNumber} 1), one record per event; a composite request's
 *     changes are published once it commits, and nothing of one it rolled back (allOrNone).</li>
 * <li>Dates are ISO 8601 with milliseconds in UTC ({@code 2026-11-05T13:38:00.000Z}); compound fields (a Lead's
 *     Name, Address) are not emulated: fields are published as they are stored, flat; OwnerId is not added.</li>
 * <li>Only the per-object channels exist: {@code /data/ChangeEvents} and custom channels are not emulated.
 *     Subscribing to a type's channel is allowed whether or not the type is selected.</li>
 * <li>Gap, overflow and DELETE/UNDELETE events are not emulated (records are never deleted).</li>
 * </ul>
 */
final class ChangeDataCapture {

    /** A committed change to one record: CREATE with all its values, or UPDATE with the changed ones. */
    record Change(String sobject, String recordId, String changeType, Map<String, Object> fields, String origin) {
    }

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final PlatformEventBus bus;
    private final String commitUser;
    private final Set<String> selected = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private long commitNumber = 10_716_283_339_728L;

    ChangeDataCapture(PlatformEventBus bus, String commitUser) {
        this.bus = bus;
        this.commitUser = commitUser;
    }

    /** {@code /data/LeadChangeEvent} for Lead, {@code /data/Training_Record__ChangeEvent} for Training_Record__c. */
    static String channel(String sobject) {
        String name = sobject.endsWith("__c") ? sobject.substring(0, sobject.length() - 1) : sobject;
        return "/data/" + name + "ChangeEvent";
    }

    synchronized void select(String sobject) {
        selected.add(sobject);
    }

    /** Publishes the change when its type is selected and it changed something. */
    synchronized void publish(Change change) {
        if (!selected.contains(change.sobject())
                || change.changeType().equals("UPDATE") && change.fields().isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        String at = DATE.format(now);
        List<String> changed = new ArrayList<>();
        List<String> nulled = new ArrayList<>();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("entityName", change.sobject());
        header.put("recordIds", List.of(change.recordId()));
        header.put("changeType", change.changeType());
        header.put("changeOrigin", change.origin());
        header.put("transactionKey", UUID.randomUUID().toString());
        header.put("sequenceNumber", 1);
        header.put("commitTimestamp", now.toEpochMilli());
        header.put("commitNumber", ++commitNumber);
        header.put("commitUser", commitUser);
        header.put("changedFields", changed);
        header.put("nulledFields", nulled);
        header.put("diffFields", List.of());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ChangeEventHeader", header);
        if (change.changeType().equals("CREATE")) {
            change.fields().forEach((field, value) -> {
                if (value != null) {
                    payload.put(field, value);
                }
            });
            payload.put("CreatedDate", at);
            payload.put("CreatedById", commitUser);
            payload.put("LastModifiedDate", at);
            payload.put("LastModifiedById", commitUser);
        } else {
            change.fields().forEach((field, value) -> {
                payload.put(field, value);
                changed.add(field);
                if (value == null) {
                    nulled.add(field);
                }
            });
            payload.put("LastModifiedDate", at);
            changed.add("LastModifiedDate");
        }
        bus.publish(channel(change.sobject()), payload);
    }

    /** The values of {@code after} that differ from {@code before}: what an UPDATE carries. */
    static Map<String, Object> changed(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(before.get(field), value)) {
                changed.put(field, value);
            }
        });
        return changed;
    }
}
