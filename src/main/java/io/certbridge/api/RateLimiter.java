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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A fixed one-minute window of requests per API key. The counters live in PostgreSQL so that every
 * hub instance shares them; authentication counts each request as it looks the key up.
 */
@Component
@Order(2)
public class RateLimiter extends OncePerRequestFilter {

    private static final String USED = RateLimiter.class.getName() + ".used";

    private final JdbcClient jdbc;
    private final ProblemResponses problems;
    private final int limit;
    private final Clock clock;

    public RateLimiter(JdbcClient jdbc, ProblemResponses problems,
                       @Value("${certbridge.api.rate-limit-per-minute}") int limit, Clock clock) {
        this.jdbc = jdbc;
        this.problems = problems;
        this.limit = limit;
        this.clock = clock;
    }

    /** The window a request made now counts in. */
    public Instant currentWindow() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }

    /** Called by authentication, which counts the request in the same database round trip as the key look-up. */
    public void record(HttpServletRequest request, int requestsInWindow) {
        request.setAttribute(USED, requestsInWindow);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(USED) instanceof Integer used)) {
            chain.doFilter(request, response);
            return;
        }
        if (admit(response, problems, clock.instant(), limit, used, "This API key")) {
            chain.doFilter(request, response);
        }
    }

    /**
     * Sets RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset for a request that is the {@code used}-th
     * of the one-minute window {@code now} falls in; over the limit, also Retry-After and a 429
     * {@code rate_limited} problem naming {@code who}. Shared with {@link PublicRateLimit}.
     *
     * @return whether the request may go on
     */
    static boolean admit(HttpServletResponse response, ProblemResponses problems, Instant now, int limit, long used,
                         String who) throws IOException {
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        long reset = Math.max(1, window.plusSeconds(60).getEpochSecond() - now.getEpochSecond());
        response.setHeader("RateLimit-Limit", String.valueOf(limit));
        response.setHeader("RateLimit-Remaining", String.valueOf(Math.max(0, limit - used)));
        response.setHeader("RateLimit-Reset", String.valueOf(reset));
        if (used > limit) {
            response.setHeader("Retry-After", String.valueOf(reset));
            problems.write(response, new ApiProblem(429, "rate_limited", "Too many requests",
                    who + " may make " + limit + " requests a minute; retry after " + reset + " s"));
            return false;
        }
        return true;
    }

    /** Drops windows that ended; called by the housekeeping route. */
    public int purgeEndedWindows() {
        return jdbc.sql("delete from rate_limit_windows where window_start < ?")
                .param(Timestamp.from(clock.instant().minus(2, ChronoUnit.MINUTES)))
                .update();
    }
}
