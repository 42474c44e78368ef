package dev.shmt.bench.run;

import dev.shmt.bench.results.AgainstReal;
import dev.shmt.bench.results.Estimate;
import dev.shmt.bench.results.RunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code --against-real}: an emulation of this machine's own devices checked against the devices
 * themselves, each policy run both ways in the same interleaved rounds, so that a slow spell of a shared
 * machine falls on both sides. Per policy: the emulated time over the real one, per round, as median and
 * 95% interval over rounds; and each device's HLOP share over the timed rounds on both sides.
 */
public final class Validation {
    private Validation() {}

    static AgainstReal compare(PolicyRun e, PolicyRun r, long seed) {
        if (e.error != null || r.error != null) {
            return new AgainstReal(Double.NaN, null, Map.of(), Map.of(), Double.NaN,
                    e.error != null ? "emulated: " + e.error : "real: " + r.error);
        }
        int rounds = Math.min(e.timed.size(), r.timed.size());
        double[] ratio = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            ratio[k] = e.timed.get(k) / r.timed.get(k);
        }
        double apart = 0;
        for (String d : new TreeSet<>(union(e.timedHlops, r.timedHlops))) {
            apart = Math.max(apart, Math.abs(share(e.timedHlops, d) - share(r.timedHlops, d)));
        }
        return new AgainstReal(Estimate.median(r.latencies()), Estimate.of(ratio, seed), shares(r.timedHlops),
                shares(e.timedHlops), apart, null);
    }

    static void print(PrintStream out, List<RunResult> rows) {
        out.println("  against this machine's devices (--against-real), the same policies in the same rounds:");
        out.printf(Locale.ROOT, "    %-12s %10s %10s  %-24s %-26s %-26s %s%n", "policy", "real ms", "emul. ms",
                "emulated / real [95% CI]", "HLOP share real", "HLOP share emulated", "most apart");
        for (RunResult row : rows) {
            AgainstReal a = row.emulated().against();
            if (a.error() != null) {
                out.printf(Locale.ROOT, "    %-12s failed: %s%n", row.policy(), a.error());
                continue;
            }
            out.printf(Locale.ROOT, "    %-12s %10.1f %10.1f  %-24s %-26s %-26s %.1f pts%n", row.policy(), a.realMs(),
                    row.medianMs(), String.format(Locale.ROOT, "%.2f [%.2f-%.2f]", a.ratio().median(),
                            a.ratio().low(), a.ratio().high()), text(a.realShares()), text(a.emulatedShares()),
                    a.mostApartPoints());
        }
    }

    private static List<String> union(Map<String, Integer> a, Map<String, Integer> b) {
        List<String> all = new ArrayList<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    /** {@code device}'s share of the HLOPs in percent. */
    private static double share(Map<String, Integer> hlops, String device) {
        int total = hlops.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? 0 : 100.0 * hlops.getOrDefault(device, 0) / total;
    }

    private static Map<String, Double> shares(Map<String, Integer> hlops) {
        Map<String, Double> out = new LinkedHashMap<>();
        hlops.keySet().forEach(d -> out.put(d, share(hlops, d)));
        return out;
    }

    private static String text(Map<String, Double> shares) {
        List<String> parts = new ArrayList<>();
        shares.forEach((d, x) -> parts.add(String.format(Locale.ROOT, "%s %.1f%%", d, x)));
        return String.join(" ", parts);
    }
}
