package dev.shmt.bench.emulate;

import dev.shmt.api.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated devices' overruns, read from the detail line their reports carry ("N of M HLOPs
 * overran", counted since the runtime was built).
 */
public final class Overruns {
    private static final Pattern COUNT = Pattern.compile("(\\d+) of (\\d+) HLOPs overran");

    private Overruns() {}

    /**
     * Per device of the rows' runtimes, overruns summed over the rows; null when there were none.
     *
     * @param lastRuns per row, the reports of its last run
     */
    public static String of(List<List<Report>> lastRuns) {
        Map<String, long[]> total = new LinkedHashMap<>();
        for (List<Report> run : lastRuns) {
            if (run.isEmpty()) {
                continue;
            }
            Report last = run.get(run.size() - 1);
            for (Report.DeviceSummary d : last.devices()) {
                Matcher m = COUNT.matcher(d.detail());
                if (m.find()) {
                    long[] t = total.computeIfAbsent(d.device(), k -> new long[2]);
                    t[0] += Long.parseLong(m.group(1));
                    t[1] += Long.parseLong(m.group(2));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        total.forEach((d, t) -> {
            if (t[0] > 0) {
                parts.add(d + " " + t[0] + " of " + t[1]);
            }
        });
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
