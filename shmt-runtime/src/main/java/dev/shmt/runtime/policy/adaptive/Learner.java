package dev.shmt.runtime.policy.adaptive;

import dev.shmt.api.AdaptiveSettings.Objective;
import dev.shmt.api.Report;
import java.util.LinkedHashMap;
import java.util.List;
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
     * How much faster a device set can be without the interference of co-running with the others (the
     * README gives the slowdowns measured): an estimate from co-run HLOP times is divided by this to be
     * optimistic.
     */
    private static final double INTERFERENCE = 2.5;
    /** How much less than its first call a configuration may cost once warm, at best. */
    private static final double COLD = 0.5;
    /** Calls after which a configuration's samples describe the machine as it was, not as it is. */
    private static final int STALE_AFTER = 30;
    /**
     * How far outside a trusted configuration's recent calls a re-check may fall and still confirm them; one
     * further out starts it afresh, to be measured again.
     */
    private static final double AGREE = 0.1;
    /** How much more a configuration may have improved per re-check interval since it was last measured. */
    private static final double AGING = 0.1;
    /**
     * How many times a configuration's re-check interval doubles, once for each re-check in a row that
     * confirmed its calls: what held several times over is less likely to have changed, and every
     * re-check costs a call's worth of time.
     */
    private static final int MOST_DOUBLINGS = 3;
    /** The least a try is charged, as a share of the best known cost. */
    static final double MIN_CHARGE = 0.1;
    /** The most calls between two looks at what might be tried. */
    private static final int QUIET = 8;
    /**
     * The fewest calls between two re-checks of trusted configurations. Each costs a call, and when
     * learning settles, those it trusted all fall due about the same time: spread out, they stay a small
     * share of the calls.
     */
    private static final int RECHECK_GAP = 20;
    /** The most a noisy configuration's spread can raise the margin to replace the best. */
    private static final double MAX_MARGIN = 0.15;
    /**
     * How much dearer a simpler configuration (on fewer of the best's devices, or a tile size nearer the
     * hint) may look and still replace it: within the noise, the simpler one wins. Co-running costs more
     * than a call's own time shows (a device's threads busy after the call, host work between calls
     * slowed), and nothing a call measures says so; the hinted tile is what the app was written for.
     */
    private static final double TIE = 0.05;
    /** How much better than the best every call of a configuration must be for two calls to be enough. */
    private static final double CLEAR = 0.1;
    /**
     * Calls that run the best known configuration (all devices, when nothing is known) before anything is
     * tried: they run while the JIT compiles, so what they measure would rank configurations by how warm
     * their code happened to be, not by how fast they are.
     */
    static final int WARMED = 8;
    /**
     * The most calls that warm up: after {@link #WARMED}, warming goes on until {@link #QUIET_CALLS} calls in a
     * row spent under {@link #QUIET_JIT} of their time with the JIT compiling, or this many calls.
     */
    static final int WARMED_AT_MOST = 40;
    static final int QUIET_CALLS = 3;
    /** The JIT's compiling time over a call's time below which the call ran compiled code. */
    static final double QUIET_JIT = 0.05;

    /** One call's choice. */
    /**
     * One call's choice, with the figures behind it. Its explanation is written only when read: choosing
     * runs on every call, too rarely for the JIT to compile it, and text costs there.
     *
     * @param charge what an exploring call is charged at least: nothing when even its pessimistic estimate
     *     beats the best, else {@link #MIN_CHARGE} of the best's cost
     */
    record Decision(int arm, boolean exploring, double baseline, double charge, int toTry, double expected,
                    Why why) implements java.util.function.Supplier<String> {
        Decision(int arm, boolean exploring, double baseline, double charge, int toTry, Why why) {
            this(arm, exploring, baseline, charge, toTry, Double.NEGATIVE_INFINITY, why);
        }

        /** The explanation, written now. */
        @Override
        public String get() {
            return why.text();
        }
    }

    /** What a decision's explanation says, and the figures it needs. */
    private record Why(Learner l, int kind, int best, String bestHow, double base, int other, double low,
                       double high, double left, String after) {
        static final int WARMING = 0;
        static final int WARMING_KNOWN = 4;
        static final int EXPLORE = 1;
        static final int WAIT = 2;
        static final int EXPLOIT = 3;

        String text() {
            String bestText = kind == WARMING || kind == WARMING_KNOWN ? ""
                    : l.describe(best) + " " + l.amount(base) + bestHow;
            return switch (kind) {
                case WARMING -> "nothing known yet: all devices first, while the JIT compiles (" + WARMED + " to "
                        + WARMED_AT_MOST + " calls, until " + QUIET_CALLS + " in a row compile little)";
                case WARMING_KNOWN -> "learned earlier; nothing else tried while the JIT compiles (" + WARMED + " to "
                        + WARMED_AT_MOST + " calls)";
                case EXPLORE -> "estimated " + l.amount(low) + " to " + l.amount(high) + " against best " + bestText
                        + "; budget left " + l.amount(left);
                case WAIT -> "best " + bestText + "; " + l.describe(other) + " waits for budget ("
                        + l.amount(Math.max(0, left)) + " of " + l.amount(high) + ")";
                default -> "best " + bestText + after;
            };
        }
    }

    private final List<Arm> arms;
    private final List<String> names;
    private final int[] threads;
    private final double alpha;
    private final Objective objective;
    private final ArmStats[] stats;
    /** Per device, recent nanoseconds per cell of its HLOPs (NaN until it ran one). */
    private final double[] nsPerCell;
    /**
     * Per configuration, the one with the same devices and the tile size one step nearer the hint (itself
     * at the hint). Found once: a record's equals runs through method handles, slow in code called too
     * rarely to be compiled.
     */
    private final int[] inner;
    /** Per configuration, its re-checks in a row that confirmed its calls. */
    private final int[] confirmed;
    /** Per configuration, the call it last ran in. */
    private final long[] lastAt;
    private int best = -1;
    private double allowance;
    private double over;
    private long calls;
    /** The best configuration's median and relative spread when it became best; NaN until it is trusted. */
    private double refMedian = Double.NaN;
    private double refSpread;
    private String lastDrift;
    /** Calls before which {@link #decide} exploits without looking again; 0 to look on the next call. */
    private long quietUntil;
    /** The call of the last re-check of a trusted configuration. */
    private long lastRecheck = -RECHECK_GAP;
    private Why quiet;
    private int quietToTry;

    /** Whether the JIT is still compiling what the calls run: nothing is tried, and what is measured is kept apart. */
    private boolean warming = true;
    /** Calls in a row, while warming, in which the JIT compiled little. */
    private int quietCalls;

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
        this.inner = new int[arms.size()];
        for (int a = 0; a < inner.length; a++) {
            int scale = arms.get(a).tileScale();
            inner[a] = arms.indexOf(new Arm(arms.get(a).devices(), scale - Integer.signum(scale)));
        }
        this.confirmed = new int[arms.size()];
        this.nsPerCell = new double[names.size()];
        java.util.Arrays.fill(nsPerCell, Double.NaN);
    }

    Arm arm(int i) {
        return arms.get(i);
    }

    int arms() {
        return arms.size();
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
        if (best < 0 || warming) {
            boolean known = best >= 0 && !Double.isNaN(stats[best].prior());
            return new Decision(best < 0 ? 0 : best, !known, known ? value(best) : Double.NaN, 0, arms.size() - 1,
                    new Why(this, known ? Why.WARMING_KNOWN : Why.WARMING, best, "", 0, -1, 0, 0, 0, ""));
        }
        double base = value(best);
        if (calls < quietUntil) { // nothing to try can be afforded before then, and nothing learned since
            return new Decision(best, false, base, 0, quietToTry, quiet);
        }
        double left = allowance + alpha * base - over;
        int pick = -1; // the most promising configuration the budget affords
        double pickOpt = Double.POSITIVE_INFINITY;
        double pickPess = 0;
        double pickCharge = 0;
        int waiting = -1; // else the one nearest to affordable
        double waitingCost = Double.POSITIVE_INFINITY;
        int toTry = 0;
        for (int a = 0; a < arms.size(); a++) {
            long age = calls - lastAt[a];
            boolean trusted = stats[a].count() >= CONFIDENT;
            if (a == best || trusted && (age < interval(a) || calls - lastRecheck < RECHECK_GAP) || !open(a)) {
                continue;
            }
            double[] e = estimate(a, cells, base);
            if (measured(a)) {
                // What was measured long ago says less about now (the machine's load, the JIT): the older it
                // is, the more it may have been wrong, as sliding-window bandits assume. A configuration
                // measured once in a busy moment, or known only from before a drift, is tried again too.
                e[0] *= Math.max(0.5, 1 - AGING * age / interval(a));
            }
            if (!(e[0] < base * (1 - PROMISE))) {
                continue;
            }
            // Every try is charged something, so trying configurations that cost about the same as the best
            // (on a noisy machine they look better half the time) cannot go on for ever. One whose
            // pessimistic estimate beats the best is all but exploiting, and is charged nothing.
            toTry++;
            double charge = e[1] < base ? 0 : MIN_CHARGE * base;
            double cost = Math.max(charge, e[1] - base);
            if (cost <= left && e[0] < pickOpt) {
                pick = a;
                pickOpt = e[0];
                pickPess = e[1];
                pickCharge = charge;
            } else if (cost > left && cost < waitingCost) {
                waiting = a;
                waitingCost = cost;
            }
        }
        String bestHow = stats[best].size() > 0 ? " (median of " + stats[best].size() + ")"
                : !Double.isNaN(stats[best].cold()) ? " (its first call)" : " (learned earlier)";
        if (pick >= 0) {
            if (stats[pick].count() >= CONFIDENT) {
                lastRecheck = calls;
            }
            return new Decision(pick, true, base, pickCharge, toTry, pickPess,
                    new Why(this, Why.EXPLORE, best, bestHow, base, pick, pickOpt, pickPess, left, ""));
        }
        // Until the allowance grows enough for the cheapest waiting try, every call exploits the best.
        quietUntil = waiting < 0 ? calls + QUIET : calls + Math.min(QUIET,
                Math.max(1, (long) Math.ceil((waitingCost - left) / Math.max(1e-12, alpha * base))));
        quiet = waiting >= 0 ? new Why(this, Why.WAIT, best, bestHow, base, waiting, 0, waitingCost, left, "")
                : new Why(this, Why.EXPLOIT, best, bestHow, base, -1, 0, 0, 0,
                        lastDrift == null ? "" : "; re-explored after " + lastDrift);
        quietToTry = toTry;
        return new Decision(best, false, base, 0, toTry, quiet);
    }

    /** As {@link #learn(Decision, double, Report, double)} for a call the JIT did not compile during. */
    synchronized void learn(Decision d, double value, Report report) {
        learn(d, value, report, 0);
    }

    /**
     * What {@code d}'s call cost ({@code value}, NaN when it could not be measured), with its report and the
     * share of its time the JIT spent compiling ({@code jit}).
     */
    synchronized void learn(Decision d, double value, Report report, double jit) {
        if (warming) {
            quietCalls = jit < QUIET_JIT ? quietCalls + 1 : 0;
        }
        if (d.exploring() || d.arm() != best) {
            quietUntil = 0; // a try's result may change what is worth trying next
        }
        boolean cold = stats[d.arm()].size() == 0 && Double.isNaN(stats[d.arm()].cold());
        if (!cold && objective == Objective.TIME && needRates()) {
            rates(report); // a first call's HLOP times carry its one-off costs too
        }
        if (!(value > 0)) {
            return;
        }
        ArmStats st = stats[d.arm()];
        if (calls - lastAt[d.arm()] >= interval(d.arm()) && measured(d.arm())) {
            // A re-check confirms what was known only when it also leaves the configuration clearly behind
            // the best now: one within reach of the best's recent calls says its old calls, made under
            // another load, cannot be set against them, so it is measured afresh next to them.
            boolean behind = d.arm() == best || best < 0 || value >= value(best) * (1 + TIE);
            if (behind && agrees(st, value)) {
                confirmed[d.arm()]++; // a re-check that agrees with what was known keeps it: one call confirmed it
            } else {
                st.stale(0); // its old samples become a prior: they describe the machine as it was
                confirmed[d.arm()] = 0;
            }
        }
        lastAt[d.arm()] = calls;
        stats[d.arm()].add(value, d.expected());
        if (!Double.isNaN(d.baseline())) {
            allowance += alpha * d.baseline();
            if (d.exploring()) {
                // A try that beat the best earns no credit for more tries: it becomes the best instead.
                over += Math.max(d.charge(), value - d.baseline());
            }
        }
        updateBest();
        if (warming && calls >= WARMED && (quietCalls >= QUIET_CALLS || calls >= WARMED_AT_MOST)) {
            warming = false;
            warmed();
        } else if (!warming && d.arm() == best && !d.exploring()) {
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

    /**
     * Whether a re-check's {@code value} is within {@link #AGREE} of what {@code st} knew: its calls' range,
     * else its prior's, else no dearer than its first call.
     */
    private static boolean agrees(ArmStats st, double value) {
        double low = st.size() > 0 ? st.min() : !Double.isNaN(st.prior()) ? st.priorLow() : 0;
        double high = st.size() > 0 ? st.max() : !Double.isNaN(st.prior()) ? st.priorHigh() : st.cold();
        return value >= low * (1 - AGREE) && value <= high * (1 + AGREE);
    }

    /** Whether configuration {@code a}'s estimates come from its own calls (now, or before they went stale). */
    private boolean measured(int a) {
        ArmStats s = stats[a];
        return s.size() > 0 || !Double.isNaN(s.cold()) || !Double.isNaN(s.prior());
    }

    /** Calls after which measured configuration {@code a} is re-checked: doubled for each re-check in a row that confirmed it. */
    private long interval(int a) {
        return (long) STALE_AFTER << Math.min(confirmed[a], MOST_DOUBLINGS);
    }

    /**
     * What is tried is one step from the best along one axis at a time, as a hill climb does: other device
     * sets at the best's tile size, other tile sizes on the best's devices (half and double at once, a
     * quarter and four times once the best is at the half or the double on that side). Tile sizes and
     * device sets each change what the other is worth, so a device set is never judged at a tile size
     * the best has left.
     */
    private boolean open(int a) {
        Arm arm = arms.get(a);
        int s = arm.tileScale();
        Arm b = arms.get(best);
        if (arm.devices() != b.devices()) {
            return s == b.tileScale();
        }
        return Math.abs(s) <= 1 || Integer.signum(b.tileScale()) == Integer.signum(s)
                && Math.abs(b.tileScale()) >= Math.abs(s) - 1;
    }

    /**
     * What the tile size {@code scale} did to the best's devices: their cost there over their cost at the
     * hint; 1 until both are known. Other device sets are estimated at that scale by it.
     */
    private double tileGain(int scale) {
        long devices = arms.get(best).devices();
        double at = Double.NaN;
        double hint = Double.NaN;
        for (int i = 0; i < arms.size() && scale != 0; i++) {
            Arm arm = arms.get(i);
            if (arm.devices() == devices && arm.tileScale() == scale) {
                at = value(i);
            } else if (arm.devices() == devices && arm.tileScale() == 0) {
                hint = value(i);
            }
        }
        return at > 0 && hint > 0 ? at / hint : 1;
    }

    /** An optimistic and a pessimistic estimate of configuration {@code a}'s cost. */
    private double[] estimate(int a, long cells, double base) {
        ArmStats s = stats[a];
        if (s.size() > 0) {
            double fewer = s.size() == 1 ? 0.7 : 0.85; // one noisy call must not rule a configuration out
            return new double[] {s.min() * fewer, s.max() * 1.1};
        }
        if (!Double.isNaN(s.cold())) {
            return new double[] {s.cold() * COLD, s.cold() * 1.1}; // warm, it may cost far less
        }
        if (!Double.isNaN(s.prior())) {
            return new double[] {s.priorLow() * 0.8, s.priorHigh() * 1.25};
        }
        Arm arm = arms.get(a);
        if (arm.tileScale() != 0) {
            double v0 = value(inner[a]);
            if (v0 > 0) {
                return new double[] {v0 * 0.7, v0 * 1.15}; // a step in tile size seldom costs more
            }
        }
        if (objective == Objective.TIME) {
            double rate = 0; // cells per nanosecond, from the devices' recent HLOPs
            for (int d = 0; d < names.size(); d++) {
                if (arm.has(d)) {
                    rate = Double.isNaN(nsPerCell[d]) ? Double.NaN : rate + threads[d] / nsPerCell[d];
                }
            }
            if (rate > 0) {
                double e = cells / rate * tileGain(arm.tileScale());
                return new double[] {e / INTERFERENCE, e * 1.2};
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
            // Trusted configurations first; until there is one, any warm one; until then the first calls. One
            // whose every warm call beat the trusted best by a clear margin need not wait for a third.
            boolean clearly = bestTrusted && n >= 2 && stats[a].max() < stats[best].median() * (1 - CLEAR);
            if (n >= CONFIDENT || clearly || n >= 1 && !bestTrusted || !anyWarm && !Double.isNaN(stats[a].cold())) {
                double m = value(a);
                if (m < cv) {
                    cand = a;
                    cv = m;
                }
            }
        }
        if (cand >= 0 && cand != best && (best < 0 || !bestTrusted)) {
            become(cand);
            return;
        }
        if (cand < 0 || !bestTrusted) {
            return;
        }
        // Of the trusted configurations within the noise of the cheapest, the simplest; from the cheapest
        // alone, so that no chain of ties (the half within 5% of the double, the double of four times) can
        // send the best round in a circle.
        int target = cand;
        for (int a = 0; a < arms.size(); a++) {
            if (stats[a].count() >= CONFIDENT && value(a) <= cv * (1 + Math.min(TIE, margin(a)))
                    && simpler(a, target)) {
                target = a;
            }
        }
        if (target != best && (fewerOrNearer(target, best) && value(best) <= cv * (1 + Math.min(TIE, margin(best)))
                || value(target) < value(best) * (1 - margin(target)))) {
            become(target);
        } else if (target == best && Double.isNaN(refMedian)) {
            reference();
        }
    }

    private void become(int a) {
        best = a;
        quietUntil = 0;
        changed = true;
        refMedian = Double.NaN;
        if (stats[best].count() >= CONFIDENT) {
            reference();
        }
    }

    /**
     * Whether configuration {@code a} is simpler than {@code than}: on fewer devices, else at a tile size
     * nearer the hint, else as simple and cheaper.
     */
    private boolean simpler(int a, int than) {
        return fewerOrNearer(a, than) || !fewerOrNearer(than, a) && value(a) < value(than);
    }

    /** Whether configuration {@code a} runs on fewer devices than {@code than}, or as many at a tile size nearer the hint. */
    private boolean fewerOrNearer(int a, int than) {
        Arm c = arms.get(a);
        Arm b = arms.get(than);
        return c.deviceCount() != b.deviceCount() ? c.deviceCount() < b.deviceCount()
                : Math.abs(c.tileScale()) < Math.abs(b.tileScale());
    }

    /**
     * How much better than the best {@code cand}'s median must be to replace it: {@link #SWITCH}, or on a
     * noisy machine half the spread of the two configurations' calls (at most {@link #MAX_MARGIN}), so
     * that two configurations about as fast do not take turns on noise.
     */
    private double margin(int cand) {
        double spread = (spread(best) + spread(cand)) / 2;
        return Math.max(SWITCH, Math.min(MAX_MARGIN, spread / 2));
    }

    private double spread(int a) {
        ArmStats s = stats[a];
        return s.size() < 2 ? 0 : (s.max() - s.min()) / s.median();
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
        double was = refMedian;
        double now = ArmStats.median(last);
        restart(describe(best) + " went from " + amount(was) + " to " + amount(now), now / was);
    }

    /**
     * The JIT has compiled: the warm-up calls' costs become a prior, but for the last three of the
     * configuration they ran, and learning starts.
     */
    private void warmed() {
        java.util.Arrays.fill(confirmed, 0);
        for (int a = 0; a < arms.size(); a++) {
            stats[a].stale(a == best ? CONFIDENT : 0);
        }
        quietUntil = 0;
        refMedian = Double.NaN;
        if (best >= 0 && stats[best].count() >= CONFIDENT) {
            reference();
        }
    }

    /**
     * Every configuration's samples go stale (their median becomes a prior) except the best one's last
     * three, so the others are tried again as the budget allows. The priors move by {@code scale}, as the
     * best did: what slowed or sped up the best (the JIT, the machine's load) mostly did the same to the
     * others, so the order they were in is the best guess of the order they are in now. But a
     * configuration on a device the best does not use may have kept its cost (the best's own device
     * throttled), so its estimates span both.
     */
    private void restart(String why, double scale) {
        java.util.Arrays.fill(confirmed, 0);
        long bestDevices = arms.get(best).devices();
        for (int a = 0; a < arms.size(); a++) {
            stats[a].stale(a == best ? CONFIDENT : 0);
            double p = stats[a].prior();
            if (a != best && !Double.isNaN(p)) {
                boolean elsewhere = (arms.get(a).devices() & ~bestDevices) != 0;
                double moved = p * scale;
                stats[a].prior(moved, elsewhere ? Math.min(p, moved) : moved, elsewhere ? Math.max(p, moved) : moved);
            }
        }
        lastDrift = why;
        quietUntil = 0;
        refMedian = Double.NaN;
        if (best >= 0 && stats[best].count() >= CONFIDENT) {
            reference();
        }
    }

    /** Whether a configuration that may be tried has nothing yet to estimate it by but the devices' rates. */
    private boolean needRates() {
        for (int a = 0; a < arms.size(); a++) {
            ArmStats st = stats[a];
            if ((best < 0 || open(a)) && st.size() == 0 && Double.isNaN(st.cold()) && Double.isNaN(st.prior())) {
                return true;
            }
        }
        return false;
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

    /**
     * {@code v} in the objective's unit, about three significant digits. Written by hand: a call's choice
     * is explained on every call, too rarely for the JIT to compile {@link String#format}, whose
     * {@code %g} is slow interpreted.
     */
    private String amount(double v) {
        return switch (objective) {
            case TIME -> digits(v / 1e6) + " ms";
            case ENERGY -> digits(v) + " J";
            case EDP -> digits(v) + " J*s";
        };
    }

    static String digits(double v) {
        double a = Math.abs(v);
        if (!(a < 1e12)) {
            return String.valueOf(v);
        }
        int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
        long unit = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
        long scaled = Math.round(a * unit);
        StringBuilder sb = new StringBuilder(12);
        if (v < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / unit);
        if (decimals > 0) {
            String frac = Long.toString(scaled % unit + unit); // leading 1 keeps the zeros
            sb.append('.').append(frac, 1, frac.length());
        }
        return sb.toString();
    }
}
