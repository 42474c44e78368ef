package dev.shmt.runtime.policy.adaptive;

import dev.shmt.api.AdaptiveSettings.Objective;
import dev.shmt.api.Report;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the adaptive policy learned about one VOP at one size class on one set of devices, and its
 * choice for each call: run the best configuration known, or try another while the cost of trying stays
 * within the budget.
 *
 * <p>The budget is that of conservative bandits (Wu et al., ICML 2016): every call adds {@code alpha} times
 * the best known cost to the allowance, every exploring call spends what it took beyond that cost, and a
 * configuration is tried only when its pessimistic estimate fits what is left. So the time (or energy)
 * spent exploring stays within {@code alpha} of what the best known configuration would have taken,
 * as long as the estimates are pessimistic; one that was not is paid back before the next try.
 */
final class Learner {
    /** Samples before a configuration's median is trusted. */
    static final int CONFIDENT = 3;
    /** How much better than the best a configuration must look to be tried (its optimistic estimate). */
    private static final double PROMISE = 0.02;
    /** How much better a configuration's median must be to replace the best: noise alone never switches. */
    private static final double SWITCH = 0.02;
    /**
     * How much faster a device set can be without the interference of co-running with the others: the
     * slowdown measured on the 2-core machine reached 2.4x, so an estimate from co-run HLOP times is
     * divided by this to be optimistic.
     */
    private static final double INTERFERENCE = 2.5;
    /** How much less than its first call a configuration may cost once warm, at best. */
    private static final double COLD = 0.5;
    /** Calls after which a configuration's samples describe the machine as it was, not as it is. */
    private static final int STALE_AFTER = 30;

    /** One call's choice. */
    record Decision(int arm, boolean exploring, String why, double baseline) {}

    private final List<Arm> arms;
    private final List<String> names;
    private final int[] threads;
    private final double alpha;
    private final Objective objective;
    private final ArmStats[] stats;
    /** Per device, recent nanoseconds per cell of its HLOPs (NaN until it ran one). */
    private final double[] nsPerCell;
    /** Per configuration, the call it last ran in. */
    private final long[] lastAt;
    private int best = -1;
    private double allowance;
    private double over;
    private long calls;
    private long explorations;
    private long drifts;
    /** The call after which the best configuration last changed. */
    private long settledAt;
    /** The best configuration's median and relative spread when it became best; NaN until it is trusted. */
    private double refMedian = Double.NaN;
    private double refSpread;
    private String lastDrift;
    /** Whether what is worth keeping changed since {@link #changed()} was last asked. */
    private boolean changed;

    Learner(List<Arm> arms, List<String> names, int[] threads, double alpha, Objective objective) {
        this.arms = List.copyOf(arms);
        this.names = List.copyOf(names);
        this.threads = threads.clone();
        this.alpha = alpha;
        this.objective = objective;
        this.stats = new ArmStats[arms.size()];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new ArmStats();
        }
        this.lastAt = new long[arms.size()];
        this.nsPerCell = new double[names.size()];
        java.util.Arrays.fill(nsPerCell, Double.NaN);
    }

    Arm arm(int i) {
        return arms.get(i);
    }

    /** Starts from what an earlier run learned: each configuration's cost as a prior, the cheapest as best. */
    synchronized void seed(Map<String, Double> learned) {
        for (int i = 0; i < arms.size(); i++) {
            Double v = learned.get(arms.get(i).code(names));
            if (v != null && v > 0) {
                stats[i].prior(v);
                if (best < 0 || v < value(best)) {
                    best = i;
                }
            }
        }
    }

    synchronized Decision decide(long cells) {
        calls++;
        if (best < 0) {
            return new Decision(0, true, "nothing known yet: all devices first", Double.NaN);
        }
        double base = value(best);
        double left = allowance + alpha * base - over;
        int pick = -1; // the most promising configuration the budget affords
        double pickOpt = Double.POSITIVE_INFINITY;
        double pickPess = 0;
        int waiting = -1; // else the one nearest to affordable
        double waitingCost = Double.POSITIVE_INFINITY;
        for (int a = 0; a < arms.size(); a++) {
            if (a == best || !open(a)) {
                continue;
            }
            double[] e = estimate(a, cells, base);
            if (!(e[0] < base * (1 - PROMISE))) {
                continue;
            }
            double cost = Math.max(0, e[1] - base);
            if (cost <= left && e[0] < pickOpt) {
                pick = a;
                pickOpt = e[0];
                pickPess = e[1];
            } else if (cost > left && cost < waitingCost) {
                waiting = a;
                waitingCost = cost;
            }
        }
        String bestText = describe(best) + " " + amount(base) + (stats[best].size() > 0
                ? " (median of " + stats[best].size() + ")" : !Double.isNaN(stats[best].cold()) ? " (its first call)"
                : " (learned earlier)");
        if (pick >= 0) {
            explorations++;
            return new Decision(pick, true, String.format(Locale.ROOT, "estimated %s to %s against best %s;"
                    + " budget left %s", amount(pickOpt), amount(pickPess), bestText, amount(left)), base);
        }
        if (waiting >= 0) {
            return new Decision(best, false, String.format(Locale.ROOT, "best %s; %s waits for budget (%s of %s)",
                    bestText, describe(waiting), amount(Math.max(0, left)), amount(waitingCost)), base);
        }
        String after = lastDrift == null ? "" : "; last re-explored after " + lastDrift;
        return new Decision(best, false, "best " + bestText + after, base);
    }

    /** What {@code d}'s call cost ({@code value}, NaN when it could not be measured), with its report. */
    synchronized void learn(Decision d, double value, Report report) {
        boolean cold = stats[d.arm()].size() == 0 && Double.isNaN(stats[d.arm()].cold());
        if (!cold) {
            rates(report); // a first call's HLOP times carry its one-off costs too
        }
        if (!(value > 0)) {
            return;
        }
        if (calls - lastAt[d.arm()] >= STALE_AFTER && stats[d.arm()].size() > 0) {
            stats[d.arm()].stale(0); // its old samples become a prior: they describe the machine as it was
        }
        lastAt[d.arm()] = calls;
        stats[d.arm()].add(value);
        if (!Double.isNaN(d.baseline())) {
            allowance += alpha * d.baseline();
            if (d.exploring()) {
                over += value - d.baseline();
            }
        }
        updateBest();
        if (d.arm() == best && !d.exploring()) {
            checkDrift();
        }
    }

    /** Whether what the cache should keep changed since the last time this was asked. */
    synchronized boolean changed() {
        boolean c = changed;
        changed = false;
        return c;
    }

    /** Each configuration's cost as the cache keeps it: its median, else its prior. */
    synchronized Map<String, Double> learned() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < arms.size(); i++) {
            double v = value(i);
            if (v > 0) {
                out.put(arms.get(i).code(names), v);
            }
        }
        return out;
    }

    synchronized long calls() {
        return calls;
    }

    synchronized long explorations() {
        return explorations;
    }

    synchronized long drifts() {
        return drifts;
    }

    synchronized long settledAt() {
        return settledAt;
    }

    /** Cost spent exploring beyond the best known, and the allowance so far: the first stays within the second. */
    synchronized double[] ledger() {
        return new double[] {over, allowance};
    }

    synchronized int best() {
        return best;
    }

    String describe(int a) {
        Arm arm = arms.get(a);
        String tile = arm.tileScale() == 0 ? "" : arm.tileScale() < 0 ? ", tile /" + (1 << -arm.tileScale())
                : ", tile x" + (1 << arm.tileScale());
        return (arm.deviceCount() == 1 ? arm.deviceNames(names) + " alone" : arm.deviceNames(names)) + tile;
    }

    /** A configuration's cost: the median of its warm samples, else its first call, else its prior; NaN for none. */
    private double value(int a) {
        ArmStats s = stats[a];
        return s.size() > 0 ? s.median() : !Double.isNaN(s.cold()) ? s.cold() : s.prior();
    }

    /** Tile sizes other than the hint are tried for the best device set only. */
    private boolean open(int a) {
        Arm arm = arms.get(a);
        return arm.tileScale() == 0 || arm.devices() == arms.get(best).devices();
    }

    /** An optimistic and a pessimistic estimate of configuration {@code a}'s cost. */
    private double[] estimate(int a, long cells, double base) {
        ArmStats s = stats[a];
        // The longer since it last ran, the less its samples say: a noisy or since-changed machine may have
        // made it look worse than it is.
        long age = calls - lastAt[a];
        double aged = Math.max(0.3, Math.pow(0.98, age));
        if (s.size() >= CONFIDENT) {
            // Trusted: looked at again only once its samples are stale.
            double stale = age < STALE_AFTER ? 1 : Math.max(0.3, Math.pow(0.98, age - STALE_AFTER));
            return new double[] {s.median() * stale, s.max() * 1.1};
        }
        if (s.size() > 0) {
            double fewer = s.size() == 1 ? 0.6 : 0.85; // one noisy call must not rule a configuration out
            return new double[] {s.min() * fewer * aged, s.max() * 1.1};
        }
        if (!Double.isNaN(s.cold())) {
            return new double[] {s.cold() * COLD * aged, s.cold() * 1.1}; // warm, it may cost far less
        }
        if (!Double.isNaN(s.prior())) {
            return new double[] {s.prior() * 0.8 * aged, s.prior() * 1.25};
        }
        Arm arm = arms.get(a);
        if (objective == Objective.TIME && arm.tileScale() == 0) {
            double rate = 0; // cells per nanosecond, from the devices' recent HLOPs
            for (int d = 0; d < names.size(); d++) {
                if (arm.has(d)) {
                    rate = Double.isNaN(nsPerCell[d]) ? Double.NaN : rate + threads[d] / nsPerCell[d];
                }
            }
            if (rate > 0) {
                double e = cells / rate;
                return new double[] {e / INTERFERENCE, e * 1.2};
            }
        }
        if (arm.tileScale() != 0) {
            double v0 = value(arms.indexOf(new Arm(arm.devices(), 0)));
            if (v0 > 0) {
                return new double[] {v0 * 0.7, v0 * 1.5};
            }
        }
        return new double[] {0, 2 * base};
    }

    private void updateBest() {
        int cand = -1;
        double cv = Double.POSITIVE_INFINITY;
        boolean bestTrusted = best >= 0 && stats[best].count() >= CONFIDENT;
        boolean anyWarm = false;
        for (ArmStats st : stats) {
            anyWarm |= st.size() > 0;
        }
        for (int a = 0; a < arms.size(); a++) {
            int n = stats[a].count();
            // Trusted configurations first; until there is one, any warm one; until then the first calls.
            if (n >= CONFIDENT || n >= 1 && !bestTrusted || !anyWarm && !Double.isNaN(stats[a].cold())) {
                double m = value(a);
                if (m < cv) {
                    cand = a;
                    cv = m;
                }
            }
        }
        if (cand < 0 || cand == best) {
            if (cand == best && cand >= 0 && Double.isNaN(refMedian) && stats[best].count() >= CONFIDENT) {
                reference();
            }
            return;
        }
        if (best < 0 || !bestTrusted || cv < value(best) * (1 - SWITCH)) {
            best = cand;
            settledAt = calls;
            changed = true;
            refMedian = Double.NaN;
            if (stats[best].count() >= CONFIDENT) {
                reference();
            }
        }
    }

    private void reference() {
        refMedian = stats[best].median();
        refSpread = (stats[best].max() - stats[best].min()) / refMedian;
        changed = true;
    }

    /**
     * The best configuration's last three calls all outside its usual spread, up or down: the machine
     * changed (a device slowed, another program started or stopped), so every other configuration's
     * samples go stale and are tried again as the budget allows.
     */
    private void checkDrift() {
        if (Double.isNaN(refMedian)) {
            return;
        }
        double[] last = stats[best].last(CONFIDENT);
        if (last.length < CONFIDENT) {
            return;
        }
        double tol = Math.max(0.25, 1.5 * refSpread);
        boolean up = true;
        boolean down = true;
        for (double v : last) {
            up &= v > refMedian * (1 + tol);
            down &= v < refMedian * (1 - Math.min(0.5, tol));
        }
        if (!up && !down) {
            return;
        }
        drifts++;
        double was = refMedian;
        for (int a = 0; a < arms.size(); a++) {
            stats[a].stale(a == best ? CONFIDENT : 0);
        }
        lastDrift = describe(best) + " went from " + amount(was) + " to " + amount(stats[best].median());
        refMedian = Double.NaN;
        reference();
    }

    /** Each device's recent time per cell, from where the call's HLOPs ran. */
    private void rates(Report report) {
        if (report == null) {
            return;
        }
        double[] nanos = new double[names.size()];
        double[] cells = new double[names.size()];
        for (Report.HlopRecord h : report.hlops()) {
            int d = names.indexOf(h.device());
            if (d >= 0) {
                nanos[d] += h.runNanos();
                cells[d] += h.region().elements();
            }
        }
        for (int d = 0; d < nanos.length; d++) {
            if (cells[d] > 0) {
                double v = nanos[d] / cells[d];
                nsPerCell[d] = Double.isNaN(nsPerCell[d]) ? v : (nsPerCell[d] + v) / 2;
            }
        }
    }

    private String amount(double v) {
        return switch (objective) {
            case TIME -> String.format(Locale.ROOT, "%.3g ms", v / 1e6);
            case ENERGY -> String.format(Locale.ROOT, "%.3g J", v);
            case EDP -> String.format(Locale.ROOT, "%.3g J*s", v);
        };
    }
}
