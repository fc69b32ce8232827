package io.certbridge.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.BitSet;
import java.util.zip.GZIPInputStream;

/** Reads a Bitstring Status List's encodedList the way the W3C specification defines it, independently of the hub. */
public final class StatusListBits {

    private StatusListBits() {
    }

    public static boolean isSet(String encodedList, int index) {
        return set(encodedList).get(index);
    }

    /** The positions whose bit is set; position 0 is the left-most bit of the first byte. */
    public static BitSet set(String encodedList) {
        if (!encodedList.startsWith("u")) {
            throw new AssertionError("encodedList must be multibase base64url (u…): " + encodedList);
        }
        byte[] compressed = Base64.getUrlDecoder().decode(encodedList.substring(1));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] bits = in.readAllBytes();
            if (bits.length < 16 * 1024) {
                throw new AssertionError("the list must hold at least 131,072 entries, it holds " + bits.length * 8);
            }
            BitSet set = new BitSet(bits.length * 8);
            for (int position = 0; position < bits.length * 8; position++) {
                if ((bits[position / 8] & (0x80 >>> (position % 8))) != 0) {
                    set.set(position);
                }
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
