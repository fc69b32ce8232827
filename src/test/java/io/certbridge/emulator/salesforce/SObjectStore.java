package io.certbridge.emulator.salesforce;

import static io.certbridge.emulator.salesforce.SalesforceJson.MAPPER;
import static io.certbridge.emulator.salesforce.SalesforceJson.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The emulated org's sObject types, their fields, and their records, with the REST semantics of
 * reading, creating and updating one record. Type and field names match without regard to case, as in
 * Salesforce, and so do 18-character ids; a 15-character id finds the same record as its 18-character form.
 * Errors are Salesforce's: 404 {@code NOT_FOUND} for an unknown type or record, 400 {@code INVALID_FIELD}
 * for a field the type does not have, 400 {@code INVALID_FIELD_FOR_INSERT_UPDATE} for {@code Id}, and
 * 400 {@code JSON_PARSER_ERROR} (inferred) for a body that is not a JSON object. A body's
 * {@code attributes} entry is ignored, as Salesforce does. Each record created or changed is handed to the
 * {@link ChangeDataCapture} once committed: at once, or when the composite request that began a transaction
 * ({@link #begin}) commits it ({@link #commit}); a rolled-back one ({@link #restore}) hands over nothing.
 */
final class SObjectStore {

    /** The records of every type, as {@link #begin()} saw them. */
    record Snapshot(Map<String, Map<String, Row>> records) {
    }

    /** A record: its id as created (18 characters) and its field values. */
    private record Row(String id, Map<String, Object> values) {

        Row copy() {
            return new Row(id, new LinkedHashMap<>(values));
        }
    }

    private static final class SObjectType {
        final String name;
        final Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        /** Rows by {@link SalesforceIds#key}. */
        Map<String, Row> records = new LinkedHashMap<>();

        SObjectType(String name) {
            this.name = name;
        }
    }

    private final SalesforceIds ids;
    private final Consumer<ChangeDataCapture.Change> committed;
    /** The changes of the transaction a composite request began, not yet committed; null outside one. */
    private List<ChangeDataCapture.Change> uncommitted;
    private final Map<String, SObjectType> types = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** The records another transaction holds (by {@link SalesforceIds#key}), and for how many more writes. */
    private final Map<String, Integer> locked = new HashMap<>();

    SObjectStore(SalesforceIds ids, Consumer<ChangeDataCapture.Change> committed) {
        this.ids = ids;
        this.committed = committed;
    }

    /** Defines a type with exactly these fields ({@code Id} is implied); its records stay. */
    synchronized void define(String sobject, Set<String> fields) {
        SObjectType type = types.computeIfAbsent(sobject, SObjectType::new);
        type.fields.clear();
        fields.forEach(field -> type.fields.put(field, field));
    }

    /**
     * Stores a record under its id, replacing any record with that id. An undefined type is defined
     * with the record's fields. A change made by a user: a record replaced is an update of the values that differ.
     *
     * @throws IllegalArgumentException when a defined type lacks one of the fields
     */
    synchronized void put(String sobject, String id, Map<String, Object> fields) {
        if (!types.containsKey(sobject)) {
            define(sobject, fields.keySet());
        }
        SObjectType type = types.get(sobject);
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            String known = type.fields.get(field);
            if (known == null) {
                throw new IllegalArgumentException("No such column '" + field + "' on sobject of type " + type.name);
            }
            values.put(known, value);
        });
        Row before = type.records.put(SalesforceIds.key(id), new Row(SalesforceIds.full(id), values));
        changed(before == null
                ? new ChangeDataCapture.Change(type.name, SalesforceIds.full(id), "CREATE", new LinkedHashMap<>(values),
                        "")
                : new ChangeDataCapture.Change(type.name, before.id(), "UPDATE",
                        ChangeDataCapture.changed(before.values(), values), ""));
    }

    /**
     * Changes a record's fields as a user would.
     *
     * @throws IllegalArgumentException when there is no such record or its type lacks one of the fields
     */
    synchronized void change(String sobject, String id, Map<String, Object> fields) {
        RestResult result = update(sobject, id, MAPPER.valueToTree(fields), "");
        if (!result.isSuccess()) {
            throw new IllegalArgumentException(result.body().toString());
        }
    }

    /** A copy of a record's field values, or {@code null} when there is no such record. */
    synchronized Map<String, Object> get(String sobject, String id) {
        Row row = row(sobject, id);
        return row == null ? null : new LinkedHashMap<>(row.values());
    }

    /** {@code GET …/sobjects/<Type>/<Id>}: 200 with {@code attributes}, {@code Id} and the fields. */
    synchronized RestResult read(String sobject, String id, String version) {
        Row row = row(sobject, id);
        if (row == null) {
            return notFound();
        }
        String type = types.get(sobject).name;
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("attributes").put("type", type).put("url", recordUrl(version, type, row.id()));
        body.put("Id", row.id());
        row.values().forEach((field, value) -> body.set(field, MAPPER.valueToTree(value)));
        return RestResult.of(200, body);
    }

    /** {@code POST …/sobjects/<Type>}: 201 {@code {"id","success":true,"errors":[]}} with a {@code Location}. */
    synchronized RestResult create(String sobject, JsonNode body, String version) {
        SObjectType type = types.get(sobject);
        if (type == null) {
            return notFound();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        RestResult invalid = readFields(type, body, values);
        if (invalid != null) {
            return invalid;
        }
        String id = ids.newRecordId(type.name);
        type.records.put(SalesforceIds.key(id), new Row(id, values));
        changed(new ChangeDataCapture.Change(type.name, id, "CREATE", new LinkedHashMap<>(values),
                restOrigin(version)));
        ObjectNode created = MAPPER.createObjectNode().put("id", id).put("success", true);
        created.putArray("errors");
        return new RestResult(201, created, Map.of("Location", recordUrl(version, type.name, id)));
    }

    /** The next {@code writes} updates of the record find it locked by another transaction (400 UNABLE_TO_LOCK_ROW). */
    synchronized void lock(String id, int writes) {
        locked.put(SalesforceIds.key(id), writes);
    }

    /**
     * {@code PATCH …/sobjects/<Type>/<Id>} through the REST API of {@code version} (empty: a user's change): 204
     * without a body once every field was written.
     */
    synchronized RestResult update(String sobject, String id, JsonNode body, String version) {
        Row row = row(sobject, id);
        if (row == null) {
            return notFound();
        }
        String key = SalesforceIds.key(id);
        if (locked.containsKey(key)) {
            if (locked.merge(key, -1, Integer::sum) == 0) {
                locked.remove(key);
            }
            return RestResult.of(400, errors("UNABLE_TO_LOCK_ROW",
                    "unable to obtain exclusive access to this record or 1 records: " + SalesforceIds.full(id)));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        RestResult invalid = readFields(types.get(sobject), body, values);
        if (invalid != null) {
            return invalid;
        }
        Map<String, Object> changes = ChangeDataCapture.changed(row.values(), values);
        row.values().putAll(values);
        changed(new ChangeDataCapture.Change(types.get(sobject).name, row.id(), "UPDATE", changes,
                version.isEmpty() ? "" : restOrigin(version)));
        return RestResult.of(204, null);
    }

    /** Begins a transaction: its changes are held until {@link #commit}, and {@link #restore} takes them back. */
    synchronized Snapshot begin() {
        uncommitted = new ArrayList<>();
        Map<String, Map<String, Row>> copy = new HashMap<>();
        types.forEach((name, type) -> {
            Map<String, Row> records = new LinkedHashMap<>();
            type.records.forEach((key, row) -> records.put(key, row.copy()));
            copy.put(type.name, records);
        });
        return new Snapshot(copy);
    }

    synchronized void commit() {
        List<ChangeDataCapture.Change> changes = uncommitted;
        uncommitted = null;
        changes.forEach(committed);
    }

    /** Rolls back: every record as {@link #begin} saw it (types defined since keep no records). */
    synchronized void restore(Snapshot snapshot) {
        uncommitted = null;
        types.values().forEach(type -> type.records = new LinkedHashMap<>(
                snapshot.records().getOrDefault(type.name, Map.of())));
    }

    /** Deletes every record; the type definitions stay. */
    synchronized void clearRecords() {
        types.values().forEach(type -> type.records.clear());
        locked.clear();
    }

    private void changed(ChangeDataCapture.Change change) {
        if (uncommitted != null) {
            uncommitted.add(change);
        } else {
            committed.accept(change);
        }
    }

    private static String restOrigin(String version) {
        return "com/salesforce/api/rest/" + version;
    }

    private Row row(String sobject, String id) {
        SObjectType type = types.get(sobject);
        return type == null ? null : type.records.get(SalesforceIds.key(id));
    }

    static RestResult notFound() {
        return RestResult.of(404, errors("NOT_FOUND", "The requested resource does not exist"));
    }

    /** Reads the body's fields into {@code values} under their defined names; an error result when one is not allowed. */
    private static RestResult readFields(SObjectType type, JsonNode body, Map<String, Object> values) {
        if (body == null || !body.isObject()) {
            return RestResult.of(400, errors("JSON_PARSER_ERROR", "The request body must be a JSON object"));
        }
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.equals("attributes")) {
                continue;
            }
            if (name.equalsIgnoreCase("Id")) {
                return RestResult.of(400, errors("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                        + name + ". Please check the security settings of this field and verify that it is "
                        + "read/write for your profile or permission set.", List.of(name)));
            }
            String known = type.fields.get(name);
            if (known == null) {
                return RestResult.of(400, errors("INVALID_FIELD",
                        "No such column '" + name + "' on sobject of type " + type.name, List.of()));
            }
            values.put(known, MAPPER.convertValue(body.get(name), Object.class));
        }
        return null;
    }

    private static String recordUrl(String version, String type, String id) {
        return "/services/data/v" + version + "/sobjects/" + type + "/" + id;
    }
}
