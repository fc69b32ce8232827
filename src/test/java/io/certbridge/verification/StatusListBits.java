package io.certbridge.verification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/** Reads a Bitstring Status List's encodedList the way the W3C specification defines it, independently of the hub. */
final class StatusListBits {

    private StatusListBits() {
    }

    static boolean isSet(String encodedList, int index) {
        if (!encodedList.startsWith("u")) {
            throw new AssertionError("encodedList must be multibase base64url (u…): " + encodedList);
        }
        byte[] compressed = Base64.getUrlDecoder().decode(encodedList.substring(1));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] bits = in.readAllBytes();
            if (bits.length < 16 * 1024) {
                throw new AssertionError("the list must hold at least 131,072 entries, it holds " + bits.length * 8);
            }
            return (bits[index / 8] & (0x80 >>> (index % 8))) != 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
