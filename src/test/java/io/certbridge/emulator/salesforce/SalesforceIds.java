package io.certbridge.emulator.salesforce;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Salesforce record ids: new ids with a type's three-character key prefix, and the case-safe
 * 18-character form of a 15-character id (Salesforce accepts both forms of the same id).
 */
final class SalesforceIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final Pattern ALPHANUMERIC = Pattern.compile("[0-9A-Za-z]+");
    /** Key prefixes of standard objects; other types get {@link #CUSTOM_PREFIX}. */
    private static final Map<String, String> KEY_PREFIXES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private static final String CUSTOM_PREFIX = "a01";

    static {
        KEY_PREFIXES.putAll(Map.of("Account", "001", "Contact", "003", "Opportunity", "006", "Lead", "00Q",
                "Task", "00T", "Event", "00U", "User", "005", "Case", "500"));
    }

    private final AtomicLong next = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000L, 900_000_000L));

    /** A new 18-character id: key prefix, a pod part ({@code 5g0}) and a counter. */
    String newId(String keyPrefix) {
        StringBuilder counter = new StringBuilder();
        for (long n = next.getAndIncrement(); n > 0; n /= 62) {
            counter.insert(0, BASE62.charAt((int) (n % 62)));
        }
        while (counter.length() < 9) {
            counter.insert(0, '0');
        }
        return to18(keyPrefix + "5g0" + counter);
    }

    /** A new id for a record of this sObject type. */
    String newRecordId(String sobject) {
        return newId(KEY_PREFIXES.getOrDefault(sobject, CUSTOM_PREFIX));
    }

    /** The 18-character form of a 15-character id: three suffix characters that encode its upper-case letters. */
    static String to18(String id15) {
        StringBuilder id = new StringBuilder(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << i;
                }
            }
            id.append(SUFFIX_CHARS.charAt(flags));
        }
        return id.toString();
    }

    /** The 18-character form of a 15-character id; any other text unchanged. */
    static String full(String id) {
        return id != null && id.length() == 15 && ALPHANUMERIC.matcher(id).matches() ? to18(id) : id;
    }

    /**
     * What identifies a record: the 18-character form without regard to case, as Salesforce reads an
     * 18-character id (its suffix keeps the 15-character id's case apart), so both forms of an id find the
     * same record.
     */
    static String key(String id) {
        return full(id).toLowerCase(Locale.ROOT);
    }
}
