package io.certbridge.verification;

import io.certbridge.credential.CanonicalForm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * What a status list credential of another issuer states, read from the quads its proof signs: its purpose and its
 * list of bits, GZIP-compressed and base64url-encoded (multibase "u…" for a Bitstring Status List, bare for Status
 * List 2021); bit 0 is the first byte's highest.
 */
record StatusListCredential(String purpose, byte[] bits) {

    /** Lists are 16 KB uncompressed at least; a list that inflates beyond this is refused. */
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    static Optional<StatusListCredential> read(CanonicalForm form) {
        List<String> credentials = form.subjectsOfType(SignedClaims.VC + "VerifiableCredential");
        if (credentials.size() != 1) {
            return Optional.empty();
        }
        Optional<String> subject = form.single(credentials.get(0), SignedClaims.VC + "credentialSubject");
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        for (String vocabulary : List.of(SignedClaims.STATUS, SignedClaims.STATUS_LIST_2021)) {
            Optional<String> purpose = form.single(subject.get(), vocabulary + "statusPurpose");
            Optional<String> encoded = form.single(subject.get(), vocabulary + "encodedList");
            if (purpose.isPresent() && encoded.isPresent()) {
                return bits(encoded.get(), vocabulary.equals(SignedClaims.STATUS))
                        .map(bits -> new StatusListCredential(purpose.get(), bits));
            }
        }
        return Optional.empty();
    }

    /** Whether the bit at {@code index} is set; empty when the list is shorter. */
    Optional<Boolean> isSet(long index) {
        if (index < 0 || index / 8 >= bits.length) {
            return Optional.empty();
        }
        return Optional.of((bits[(int) (index / 8)] & (0x80 >>> (index % 8))) != 0);
    }

    private static Optional<byte[]> bits(String encoded, boolean multibase) {
        if (multibase && !encoded.startsWith("u")) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(
                Base64.getUrlDecoder().decode(multibase ? encoded.substring(1) : encoded)))) {
            byte[] bits = in.readNBytes(MAX_BYTES + 1);
            return bits.length > MAX_BYTES ? Optional.empty() : Optional.of(bits);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
