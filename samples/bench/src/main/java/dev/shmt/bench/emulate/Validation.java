package dev.shmt.bench.emulate;

import dev.shmt.bench.results.AgainstReal;
import dev.shmt.bench.results.Estimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * One side of the comparison, over its timed rounds.
     *
     * @param error why its runs failed; null when they ran
     * @param timedMs its time per timed round
     * @param hlops its HLOPs per device over the timed rounds
     */
    public record Side(String error, List<Double> timedMs, Map<String, Integer> hlops) {}

    public static AgainstReal compare(Side e, Side r, long seed) {
        if (e.error() != null || r.error() != null) {
            return new AgainstReal(Double.NaN, null, Map.of(), Map.of(), Double.NaN,
                    e.error() != null ? "emulated: " + e.error() : "real: " + r.error());
        }
        int rounds = Math.min(e.timedMs().size(), r.timedMs().size());
        double[] ratio = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            ratio[k] = e.timedMs().get(k) / r.timedMs().get(k);
        }
        double apart = 0;
        for (String d : new TreeSet<>(union(e.hlops(), r.hlops()))) {
            apart = Math.max(apart, Math.abs(share(e.hlops(), d) - share(r.hlops(), d)));
        }
        double[] real = r.timedMs().stream().mapToDouble(Double::doubleValue).toArray();
        return new AgainstReal(Estimate.median(real), Estimate.of(ratio, seed), shares(r.hlops()),
                shares(e.hlops()), apart, null);
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
}
