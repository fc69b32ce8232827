package io.certbridge.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Secrets presented by callers, held against the configured ones. */
public final class Secrets {

    private Secrets() {
    }

    /** Constant-time comparison of a presented secret with the configured one; a missing one never matches. */
    public static boolean same(String presented, String configured) {
        if (presented == null || configured == null || configured.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                configured.getBytes(StandardCharsets.UTF_8));
    }
}
