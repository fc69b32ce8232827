package io.certbridge.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST that only computes an answer (a preview, a dry run, a check of a file), so that the audit log,
 * which keeps what changed, does not fill with them; its refusals (401, 403) are still recorded.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChangesNothing {
}
