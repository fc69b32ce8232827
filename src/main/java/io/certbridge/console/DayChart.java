package io.certbridge.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One count per day as the bars of a small SVG chart, laid out here so that the page only places them. The page
 * also shows the same numbers as a table, for screen readers and for reading exact values.
 */
record DayChart(String title, long total, long max, List<Bar> bars) {

    static final int WIDTH = 300;
    static final int HEIGHT = 80;

    record Bar(LocalDate day, long count, int x, int y, int width, int height) {
    }

    static <T> DayChart of(String title, List<T> days, ToLongFunction<T> count,
                           Function<T, LocalDate> day) {
        long max = days.stream().mapToLong(count).max().orElse(0);
        long total = days.stream().mapToLong(count).sum();
        int slot = days.isEmpty() ? WIDTH : WIDTH / days.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            long n = count.applyAsLong(days.get(i));
            int height = max == 0 ? 0 : (int) Math.max(n == 0 ? 0 : 1, Math.round((double) n / max * HEIGHT));
            bars.add(new Bar(day.apply(days.get(i)), n, i * slot, HEIGHT - height, Math.max(1, slot - 1), height));
        }
        return new DayChart(title, total, max, bars);
    }
}
