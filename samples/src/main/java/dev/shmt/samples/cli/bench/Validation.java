package dev.shmt.samples.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
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
final class Validation {
    private Validation() {}

    static void print(PrintStream out, List<PolicyRun> emulated, List<PolicyRun> real, long seed) {
        out.println("  against this machine's devices (--against-real), the same policies in the same rounds:");
        out.printf(Locale.ROOT, "    %-12s %10s %10s  %-24s %-26s %-26s %s%n", "policy", "real ms", "emul. ms",
                "emulated / real [95% CI]", "HLOP share real", "HLOP share emulated", "most apart");
        for (int i = 0; i < emulated.size(); i++) {
            PolicyRun e = emulated.get(i);
            PolicyRun r = real.get(i);
            if (e.error != null || r.error != null) {
                out.printf(Locale.ROOT, "    %-12s failed: %s%n", e.policy, e.error != null ? "emulated: " + e.error
                        : "real: " + r.error);
                continue;
            }
            int rounds = Math.min(e.timed.size(), r.timed.size());
            double[] ratio = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                ratio[k] = e.timed.get(k) / r.timed.get(k);
            }
            Estimate x = Estimate.of(ratio, seed + 7L * i);
            double apart = 0;
            for (String d : new TreeSet<>(union(e.timedHlops, r.timedHlops))) {
                apart = Math.max(apart, Math.abs(share(e.timedHlops, d) - share(r.timedHlops, d)));
            }
            out.printf(Locale.ROOT, "    %-12s %10.1f %10.1f  %-24s %-26s %-26s %.1f pts%n", e.policy,
                    Estimate.median(r.latencies()), Estimate.median(e.latencies()),
                    String.format(Locale.ROOT, "%.2f [%.2f-%.2f]", x.median(), x.low(), x.high()),
                    shares(r.timedHlops), shares(e.timedHlops), apart);
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

    private static String shares(Map<String, Integer> hlops) {
        List<String> parts = new ArrayList<>();
        for (String d : hlops.keySet()) {
            parts.add(String.format(Locale.ROOT, "%s %.1f%%", d, share(hlops, d)));
        }
        return String.join(" ", parts);
    }
}
