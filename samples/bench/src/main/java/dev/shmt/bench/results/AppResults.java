package dev.shmt.bench.results;

import java.util.List;

/**
 * One app's rows as the bench produced them, with what the tables head them with.
 *
 * @param sizeUnit what {@code size} counts, as the app says it
 * @param devices the devices the plan used, in its order
 * @param repeat the timed rounds the plan asked for
 * @param warmupCapSeconds the longest warm-up past the plan's warm-up rounds
 * @param selectionMissing why no row has a {@link Selection}, or null
 */
public record AppResults(String app, int size, String sizeUnit, int tile, List<String> devices, int repeat,
                         double warmupCapSeconds, List<RunResult> rows, String selectionMissing) {
    public AppResults {
        devices = List.copyOf(devices);
        rows = List.copyOf(rows);
    }
}
