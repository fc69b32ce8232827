package io.certbridge.emulator.salesforce;

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

    /**
     * The 18-character form of a 15- or 18-character id. An 18-character id is read without regard to
     * case, as Salesforce does: its suffix says which letters are upper case. Text that is neither form,
     * or whose suffix does not fit, is returned unchanged.
     */
    static String canonical(String id) {
        if (id == null || !ALPHANUMERIC.matcher(id).matches()) {
            return id;
        }
        if (id.length() == 15) {
            return to18(id);
        }
        if (id.length() != 18) {
            return id;
        }
        StringBuilder id15 = new StringBuilder(15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = SUFFIX_CHARS.indexOf(Character.toUpperCase(id.charAt(15 + chunk)));
            for (int i = 0; i < 5; i++) {
                char c = id.charAt(chunk * 5 + i);
                boolean upper = flags >= 0 && (flags & 1 << i) != 0;
                id15.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
        }
        String full = to18(id15.toString());
        return full.substring(15).equalsIgnoreCase(id.substring(15)) ? full : id;
    }
}
