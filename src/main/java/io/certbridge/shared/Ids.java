package io.certbridge.shared;

import java.security.SecureRandom;

/** Random identifiers with a type prefix ({@code cert_…}, {@code tmpl_…}) and random secrets. */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        return prefix + "_" + random(22);
    }

    /**
     * {@code length} base62 characters, about 5.95 bits of entropy each: random 6-bit values, of which
     * the two that have no character are drawn again, so that every character is equally likely. One
     * call to the generator serves a whole identifier.
     */
    public static String random(int length) {
        char[] out = new char[length];
        byte[] bits = new byte[length + length / 2];
        RANDOM.nextBytes(bits);
        int filled = 0;
        int next = 0;
        while (filled < length) {
            if (next == bits.length) {
                RANDOM.nextBytes(bits);
                next = 0;
            }
            int value = bits[next++] & 0x3F;
            if (value < ALPHABET.length) {
                out[filled++] = ALPHABET[value];
            }
        }
        return new String(out);
    }
}
