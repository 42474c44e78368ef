package dev.shmt.bench.results;

import dev.shmt.api.PolicyChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy that chooses per call ({@code adaptive}) learned over an app's runs, and what learning cost.
 *
 * @param vops per VOP of the app, what it settled on
 * @param against the best fixed policy of the same rounds (lowest median), the one regret is counted against
 * @param againstMs that policy's median time per run
 * @param regretMs over every run, warm-up included: the time above {@code againstMs} per run, summed
 * @param runs how many runs that is
 * @param timedRegretMs the same over the timed rounds only
 * @param timedRuns how many timed rounds
 */
public record Learned(List<Vop> vops, String against, double againstMs, double regretMs, int runs,
                      double timedRegretMs, int timedRuns) {
    /**
     * One VOP: the configuration its last exploiting call ran, its calls, after how many every exploiting
     * call ran that configuration, and how many calls explored.
     */
    public record Vop(String vop, String configuration, int calls, int settledAfter, int exploring) {}

    /** Calls that must all have exploited one configuration per VOP for learning to count as settled. */
    public static final int SETTLED_CALLS = 8;

    /**
     * Whether the last {@link #SETTLED_CALLS} calls all exploited, each VOP (and size) always with the same
     * configuration, with nothing left to try: the warm-up of a policy that learns goes on until then, as
     * it does for the JIT.
     */
    public static boolean settled(List<String> vopOfCall, List<PolicyChoice> choices) {
        int n = choices.size();
        if (n < SETTLED_CALLS) {
            return false;
        }
        Map<String, String> ran = new LinkedHashMap<>();
        for (int i = n - SETTLED_CALLS; i < n; i++) {
            PolicyChoice c = choices.get(i);
            String before = ran.putIfAbsent(vopOfCall.get(i), c.configuration());
            if (c.exploring() || c.toTry() > 0 || before != null && !before.equals(c.configuration())) {
                return false;
            }
        }
        return true;
    }

    /** Per VOP from {@code choices}, each call's VOP and choice in the order they ran. */
    public static List<Vop> of(List<String> vopOfCall, List<PolicyChoice> choices) {
        Map<String, List<PolicyChoice>> byVop = new LinkedHashMap<>();
        for (int i = 0; i < choices.size(); i++) {
            byVop.computeIfAbsent(vopOfCall.get(i), k -> new ArrayList<>()).add(choices.get(i));
        }
        List<Vop> out = new ArrayList<>();
        byVop.forEach((vop, cs) -> {
            String last = null;
            int exploring = 0;
            for (PolicyChoice c : cs) {
                exploring += c.exploring() ? 1 : 0;
                if (!c.exploring()) {
                    last = c.configuration();
                }
            }
            int settled = 0;
            for (int i = 0; i < cs.size(); i++) {
                if (!cs.get(i).exploring() && !cs.get(i).configuration().equals(last)) {
                    settled = i + 1;
                }
            }
            out.add(new Vop(vop, last == null ? "(still exploring)" : last, cs.size(), settled, exploring));
        });
        return out;
    }
}
