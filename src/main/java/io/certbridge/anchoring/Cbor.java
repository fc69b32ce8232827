package io.certbridge.anchoring;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of CBOR (RFC 8949) that MerkleProof2019 uses: integers, byte strings, text strings and
 * arrays, of definite length, heads in their shortest form (as cbor2 and node-cbor write them). As Java
 * values: Long, byte[], String and List.
 */
final class Cbor {

    /** Anything that is not CBOR of that subset. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private static final int UNSIGNED = 0;
    private static final int NEGATIVE = 1;
    private static final int BYTES = 2;
    private static final int TEXT = 3;
    private static final int ARRAY = 4;
    /** MerkleProof2019 nests four deep (pairs → anchors → anchor → pair); this bounds the recursion. */
    private static final int MAX_DEPTH = 8;

    private Cbor() {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case Long n when n >= 0 -> head(out, UNSIGNED, n);
            case Long n -> head(out, NEGATIVE, -1 - n);
            case byte[] bytes -> {
                head(out, BYTES, bytes.length);
                out.writeBytes(bytes);
            }
            case String text -> {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                head(out, TEXT, utf8.length);
                out.writeBytes(utf8);
            }
            case List<?> items -> {
                head(out, ARRAY, items.size());
                items.forEach(item -> write(out, item));
            }
            default -> throw new IllegalArgumentException("no CBOR for " + value.getClass());
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int type = major << 5;
        if (argument < 24) {
            out.write(type | (int) argument);
        } else if (argument <= 0xff) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument <= 0xffff) {
            out.write(type | 25);
            bigEndian(out, argument, 2);
        } else if (argument <= 0xffffffffL) {
            out.write(type | 26);
            bigEndian(out, argument, 4);
        } else {
            out.write(type | 27);
            bigEndian(out, argument, 8);
        }
    }

    private static void bigEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }

    /** The one CBOR item {@code bytes} holds, with nothing after it. */
    static Object decode(byte[] bytes) throws MalformedException {
        Reader reader = new Reader(bytes);
        Object value = reader.item(0);
        if (reader.position != bytes.length) {
            throw new MalformedException((bytes.length - reader.position) + " bytes after the CBOR item");
        }
        return value;
    }

    private static final class Reader {

        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        Object item(int depth) throws MalformedException {
            if (depth > MAX_DEPTH) {
                throw new MalformedException("CBOR nested deeper than " + MAX_DEPTH);
            }
            int initial = next();
            int major = initial >>> 5;
            long argument = argument(initial & 0x1f);
            return switch (major) {
                case UNSIGNED -> nonNegative(argument);
                case NEGATIVE -> -1 - nonNegative(argument);
                case BYTES -> take(argument);
                case TEXT -> utf8(take(argument));
                case ARRAY -> {
                    // every item takes at least one byte: a larger count cannot be honest
                    if (argument > bytes.length - position) {
                        throw new MalformedException("CBOR array of " + argument + " items is truncated");
                    }
                    List<Object> items = new ArrayList<>((int) argument);
                    for (long i = 0; i < argument; i++) {
                        items.add(item(depth + 1));
                    }
                    yield items;
                }
                default -> throw new MalformedException("CBOR major type " + major + " is not used here");
            };
        }

        private long argument(int info) throws MalformedException {
            if (info < 24) {
                return info;
            }
            int length = switch (info) {
                case 24 -> 1;
                case 25 -> 2;
                case 26 -> 4;
                case 27 -> 8;
                default -> throw new MalformedException("CBOR indefinite length or reserved value " + info);
            };
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = (value << 8) | next();
            }
            return value;
        }

        private static long nonNegative(long argument) throws MalformedException {
            if (argument < 0) {
                throw new MalformedException("CBOR integer out of range");
            }
            return argument;
        }

        private int next() throws MalformedException {
            if (position >= bytes.length) {
                throw new MalformedException("CBOR is truncated");
            }
            return bytes[position++] & 0xff;
        }

        private byte[] take(long length) throws MalformedException {
            if (length < 0 || length > bytes.length - position) {
                throw new MalformedException("CBOR string of " + length + " bytes is truncated");
            }
            byte[] taken = new byte[(int) length];
            System.arraycopy(bytes, position, taken, 0, taken.length);
            position += taken.length;
            return taken;
        }

        private static String utf8(byte[] bytes) throws MalformedException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new MalformedException("CBOR text string is not UTF-8");
            }
        }
    }
}
