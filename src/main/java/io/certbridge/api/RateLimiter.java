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
 * hub instance shares them; they are not worth an fsync, so they are committed asynchronously.
 */
@Component
@Order(2)
public class RateLimiter extends OncePerRequestFilter {

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

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiKeyPrincipal principal = ApiKeyPrincipal.of(request);
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        int used = count(principal.keyId(), window);
        long reset = Math.max(1, window.plusSeconds(60).getEpochSecond() - now.getEpochSecond());
        response.setHeader("RateLimit-Limit", String.valueOf(limit));
        response.setHeader("RateLimit-Remaining", String.valueOf(Math.max(0, limit - used)));
        response.setHeader("RateLimit-Reset", String.valueOf(reset));
        if (used > limit) {
            response.setHeader("Retry-After", String.valueOf(reset));
            problems.write(response, new ApiProblem(429, "rate_limited", "Too many requests",
                    "This API key may make " + limit + " requests a minute; retry after " + reset + " s"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** One statement, so one implicit transaction, whose commit set_config makes asynchronous. */
    private int count(String keyId, Instant window) {
        return jdbc.sql("""
                        with async as (select set_config('synchronous_commit', 'off', true)),
                             counted as (
                                 insert into rate_limit_windows (api_key_id, window_start, request_count) values (?, ?, 1)
                                 on conflict (api_key_id, window_start)
                                 do update set request_count = rate_limit_windows.request_count + 1
                                 returning request_count)
                        select request_count from counted, async""")
                .params(keyId, Timestamp.from(window))
                .query(Integer.class).single();
    }

    /** Drops windows that ended; called by the housekeeping route. */
    public int purgeEndedWindows() {
        return jdbc.sql("delete from rate_limit_windows where window_start < ?")
                .param(Timestamp.from(clock.instant().minus(2, ChronoUnit.MINUTES)))
                .update();
    }
}
