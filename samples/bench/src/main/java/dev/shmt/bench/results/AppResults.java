package dev.shmt.bench.results;

import dev.shmt.api.IdlePower;
import java.util.List;

/**
 * One app's rows as the bench produced them, with what the tables head them with.
 *
 * @param sizeUnit what {@code size} counts, as the app says it
 * @param input what the input was made from, as {@link dev.shmt.apps.common.ImageInput#describe} says it
 * @param devices the devices the plan used, in its order
 * @param repeat the timed rounds the plan asked for
 * @param warmupCapSeconds the longest warm-up past the plan's warm-up rounds
 * @param selectionMissing why no row has a {@link Selection}, or null
 * @param idle the idle baseline the rows' energy above idle is against; null when none was measured
 */
public record AppResults(String app, int size, String sizeUnit, int tile, String input, List<String> devices,
                         int repeat, double warmupCapSeconds, List<RunResult> rows, String selectionMissing,
                         IdlePower idle) {
    public AppResults {
        devices = List.copyOf(devices);
        rows = List.copyOf(rows);
    }
}
