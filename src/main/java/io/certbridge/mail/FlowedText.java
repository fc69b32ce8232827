package io.certbridge.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a plain-text body as the sender typed them. Clients that send format=flowed (RFC 3676:
 * Thunderbird, Apple Mail) break long lines softly, ending the broken line in a space, and stuff a space
 * before lines that begin with one; without undoing that, a long value would go on in a line of its own.
 */
final class FlowedText {

    private FlowedText() {
    }

    /** The lines of {@code text}; {@code format} and {@code delSp} are the Content-Type's parameters, or null. */
    static List<String> lines(String text, String format, String delSp) {
        if (!"flowed".equalsIgnoreCase(format)) {
            return text.lines().toList();
        }
        boolean deleteSpace = "yes".equalsIgnoreCase(delSp);
        List<String> lines = new ArrayList<>();
        StringBuilder pending = null;
        int pendingDepth = 0;
        for (String line : text.lines().toList()) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '>') {
                depth++;
            }
            String content = line.substring(depth);
            if (content.startsWith(" ")) {
                content = content.substring(1);
            }
            if (pending != null && depth != pendingDepth) {
                lines.add(">".repeat(pendingDepth) + pending);
                pending = null;
            }
            boolean soft = content.endsWith(" ") && !content.equals("-- ");
            if (soft && deleteSpace) {
                content = content.substring(0, content.length() - 1);
            }
            pending = pending == null ? new StringBuilder(content) : pending.append(content);
            pendingDepth = depth;
            if (!soft) {
                lines.add(">".repeat(depth) + pending);
                pending = null;
            }
        }
        if (pending != null) {
            lines.add(">".repeat(pendingDepth) + pending);
        }
        return lines;
    }
}
