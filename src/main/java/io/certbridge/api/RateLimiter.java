package io.certbridge.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A fixed one-minute window of requests per API key, shared by every hub instance through PostgreSQL. Each
 * instance counts its requests in memory and, a few times a second ({@link #share}), adds them to the key's
 * row and learns the total: a request is judged by that total and the requests made here since. A database
 * round trip per request cost more than the rest of authentication, and the one row every request of a
 * busy key updated became a queue of its own. Instances together may therefore overshoot a limit by what the
 * others admit between two shares; one instance alone counts exactly.
 */
@Component
@Order(2)
public class RateLimiter extends OncePerRequestFilter {

    /** A key's requests in one window: the total the database last gave, and those made here since. */
    private static final class Count {
        final Instant window;
        volatile long shared;
        final AtomicLong unshared = new AtomicLong();

        Count(Instant window) {
            this.window = window;
        }

        long used() {
            return shared + unshared.get();
        }
    }

    private final JdbcClient jdbc;
    private final ProblemResponses problems;
    private final int limit;
    private final Clock clock;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    public RateLimiter(JdbcClient jdbc, ProblemResponses problems, ApiSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.problems = problems;
        this.limit = settings.rateLimitPerMinute();
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ApiKeyPrincipal.of(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        Count count = counts.compute(ApiKeyPrincipal.of(request).keyId(),
                (key, current) -> current != null && !current.window.isBefore(window) ? current : new Count(window));
        count.unshared.incrementAndGet();
        if (admit(request, response, problems, now, limit, count.used(), "This API key")) {
            chain.doFilter(request, response);
        }
    }

    /**
     * Adds the requests counted here since the last share to each key's row of the current window, and takes
     * the row's total, which includes other instances' requests. Counts of ended windows are dropped: their
     * requests no longer limit anything. Called by the housekeeping route a few times a second.
     */
    public void share() {
        Instant window = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        counts.entrySet().removeIf(entry -> entry.getValue().window.isBefore(window));
        counts.forEach((keyId, count) -> {
            long requests = count.unshared.get();
            if (requests == 0) {
                return;
            }
            long total = jdbc.sql("""
                            insert into rate_limit_windows (api_key_id, window_start, request_count)
                            values (?, ?, ?)
                            on conflict (api_key_id, window_start)
                            do update set request_count = rate_limit_windows.request_count + excluded.request_count
                            returning request_count""")
                    .params(keyId, Timestamp.from(window), requests)
                    .query(Long.class).single();
            // in this order a request counted meanwhile is never missed; it is counted twice for an instant at most
            count.shared = total;
            count.unshared.addAndGet(-requests);
        });
    }

    /**
     * Sets RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset for a request that is the {@code used}-th
     * of the one-minute window {@code now} falls in; over the limit, also Retry-After and a 429
     * {@code rate_limited} problem naming {@code who}. Shared with {@link PublicRateLimit}.
     *
     * @return whether the request may go on
     */
    static boolean admit(HttpServletRequest request, HttpServletResponse response, ProblemResponses problems,
                         Instant now, int limit, long used, String who) throws IOException {
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        long reset = Math.max(1, window.plusSeconds(60).getEpochSecond() - now.getEpochSecond());
        response.setHeader("RateLimit-Limit", String.valueOf(limit));
        response.setHeader("RateLimit-Remaining", String.valueOf(Math.max(0, limit - used)));
        response.setHeader("RateLimit-Reset", String.valueOf(reset));
        if (used > limit) {
            response.setHeader("Retry-After", String.valueOf(reset));
            problems.write(request, response, new ApiProblem(429, "rate_limited", "Too many requests",
                    who + " may make " + limit + " requests a minute; retry after " + reset + " s"));
            return false;
        }
        return true;
    }

    /** Drops the rows of windows that ended; called by the housekeeping route. */
    public int purgeEndedWindows() {
        return jdbc.sql("delete from rate_limit_windows where window_start < ?")
                .param(Timestamp.from(clock.instant().minus(2, ChronoUnit.MINUTES)))
                .update();
    }
}
