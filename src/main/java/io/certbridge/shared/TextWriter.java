package io.certbridge.shared;

import java.io.Writer;

/**
 * A Writer into a StringBuilder that refuses to grow past a limit. StringWriter would do without the
 * limit, but its StringBuffer takes a lock for every piece written.
 */
public final class TextWriter extends Writer {

    private final StringBuilder text = new StringBuilder(4096);
    private final int maxChars;

    public TextWriter(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        if (text.length() + length > maxChars) {
            throw new IllegalStateException("output exceeds " + maxChars + " characters");
        }
        text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
        if (text.length() + length > maxChars) {
            throw new IllegalStateException("output exceeds " + maxChars + " characters");
        }
        text.append(string, offset, offset + length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
