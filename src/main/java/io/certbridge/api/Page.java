package io.certbridge.api;

import io.certbridge.shared.problems.MalformedInput;
import java.util.List;
import java.util.function.Function;

/** One page of a cursor-paginated list; {@code next_cursor} is the id to pass as {@code starting_after}. */
public record Page<T>(List<T> data, boolean hasMore, String nextCursor) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    /** Builds a page from {@code limit + 1} fetched rows: the extra row only tells that there is more. */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> id) {
        boolean hasMore = fetched.size() > limit;
        List<T> data = hasMore ? fetched.subList(0, limit) : fetched;
        return new Page<>(data, hasMore, hasMore ? id.apply(data.getLast()) : null);
    }

    public static int checkedLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new MalformedInput("invalid_parameter", "must be between 1 and " + MAX_LIMIT, "limit");
        }
        return limit;
    }
}
