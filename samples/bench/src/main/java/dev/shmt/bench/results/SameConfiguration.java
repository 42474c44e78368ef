package dev.shmt.bench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed policies that ran an app's every HLOP on the same one device ({@code single:cpu}, and {@code ws} when
 * the other devices took nothing): the same configuration under different names, measured in the same
 * interleaved rounds. How far apart their medians are is what the machine's noise alone does to a
 * median (an A/A test), so a difference between rows smaller than that means nothing.
 *
 * @param device the device every HLOP ran on
 * @param policies the rows, fastest first
 * @param spread the slowest row's median over the fastest's
 */
public record SameConfiguration(String device, List<String> policies, double spread) {
    /** A row as this needs it: its label, HLOPs per device over the timed rounds, its median. */
    public record Row(String policy, Map<String, Integer> hlops, double medianMs) {}

    /** Every group of two or more fixed-policy rows that ran on the same device alone. */
    public static List<SameConfiguration> of(List<Row> rows) {
        Map<String, List<Row>> byDevice = new LinkedHashMap<>();
        for (Row r : rows) {
            String alone = null;
            int devices = 0;
            for (Map.Entry<String, Integer> e : r.hlops().entrySet()) {
                if (e.getValue() > 0) {
                    alone = e.getKey();
                    devices++;
                }
            }
            if (devices == 1 && r.medianMs() > 0) {
                byDevice.computeIfAbsent(alone, k -> new ArrayList<>()).add(r);
            }
        }
        List<SameConfiguration> out = new ArrayList<>();
        byDevice.forEach((device, group) -> {
            if (group.size() > 1) {
                List<Row> sorted = new ArrayList<>(group);
                sorted.sort(java.util.Comparator.comparingDouble(Row::medianMs));
                out.add(new SameConfiguration(device, sorted.stream().map(Row::policy).toList(),
                        sorted.get(sorted.size() - 1).medianMs() / sorted.get(0).medianMs()));
            }
        });
        return out;
    }

    /** From an app's rows: its fixed policies (not a policy that learns, a library or the bare kernel) that ran. */
    public static List<SameConfiguration> ofRuns(List<RunResult> rows) {
        List<Row> fixed = new ArrayList<>();
        for (RunResult r : rows) {
            if (!r.failed() && r.learned() == null && RowLabel.nameOf(r.policy()) != null && r.hlops() != null) {
                fixed.add(new Row(r.policy(), r.hlops(), r.medianMs()));
            }
        }
        return of(fixed);
    }
}
