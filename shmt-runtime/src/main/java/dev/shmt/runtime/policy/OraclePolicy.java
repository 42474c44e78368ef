package dev.shmt.runtime.policy;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.QawsSettings;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.qaws.TopK;
import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import dev.shmt.runtime.spi.Trials;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code oracle}: the paper's Oracle (section 5.3), <b>an evaluation tool, not a policy to deploy</b>.
 * It knows each HLOP's real error instead of guessing it from samples: every HLOP first runs on the
 * most precise device and on the least precise one, the mean absolute difference of their outputs over
 * the HLOP's region is its criticality, and the {@code ceil(K x N)} HLOPs with the largest error (over
 * the whole call, no window) are critical and run on the precise tier; the rest start on the
 * approximate tier. Then the call runs for real under {@code qaws}' stealing rules.
 *
 * <p>Cost: each call does the VOP's work three times (two trial passes, then the real one), keeps a copy
 * of every output view between the trials, and the trials' time is reported as sampling time. Use it
 * to measure how close a QAWS policy gets to the best possible assignment, never for speed.
 *
 * <p>It needs a call whose HLOPs write output views (or return numeric partial results) and devices of
 * two precisions; otherwise it refuses the call, since there would be nothing to measure.
 */
public final class OraclePolicy implements Policy {
    private final QawsSettings settings;
    private final Trials trials;

    /** @param trials the runtime's hook for running a call's HLOPs on one device before planning */
    public OraclePolicy(QawsSettings settings, Trials trials) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.trials = Objects.requireNonNull(trials, "trials");
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        PrecisionTiers tiers = new PrecisionTiers(eligible);
        if (tiers.count() < 2) {
            throw new IllegalStateException("policy oracle compares a precise and an approximate device, but every "
                    + "device that runs " + call.name() + " is " + tiers.precision(0) + ": " + eligible);
        }
        long start = System.nanoTime();
        QueueView precise = eligible.get(tiers.first(tiers.top()));
        QueueView approximate = eligible.get(tiers.first(0));
        requireSomethingToMeasure(call);
        Object[] exactPartials = trials.runAllOn(precise, call, regions);
        List<float[]> exact = new ArrayList<>();
        for (VopCall.Arg arg : call.args()) {
            if (arg.role() == VopCall.Role.OUT) {
                exact.add(copy(arg.value()));
            }
        }
        Object[] approxPartials = trials.runAllOn(approximate, call, regions);
        double[] errors = new double[regions.size()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = error(call, regions.get(i), exact, exactPartials[i], approxPartials[i]);
        }
        double k = settings.criticalFraction(call.criticalFraction());
        boolean[] critical = TopK.mark(errors, k, Math.max(1, errors.length));
        int[] queueOf = new int[errors.length];
        for (int i = 0; i < errors.length; i++) {
            queueOf[i] = tiers.deal(critical[i] ? tiers.top() : 0);
        }
        return new Plan(queueOf, System.nanoTime() - start, errors, critical, 0);
    }

    @Override
    public Hlop steal(QueueView thief, List<QueueView> queues) {
        return Stealing.precisionAware(thief, queues);
    }

    /** Refuses, before any trial runs, a call whose HLOPs leave nothing to compare. */
    private static void requireSomethingToMeasure(VopCall call) {
        boolean outputs = call.args().stream().anyMatch(a -> a.role() == VopCall.Role.OUT);
        if (!outputs && call.partition() != Partition.REDUCE) {
            throw new IllegalStateException("policy oracle measures each HLOP's output, but " + call.name()
                    + " was built without OUT arguments (VopCall.Builder.arg)");
        }
    }

    private static float[] copy(Object view) {
        return view instanceof FloatMatrix ? ((FloatMatrix) view).toArray() : ((FloatArray) view).toArray();
    }

    /** Mean |approximate - exact| over the HLOP's cells of every output, or of its partial result. */
    private static double error(VopCall call, Region region, List<float[]> exact, Object exactPartial,
                                Object approxPartial) {
        double sum = 0;
        long cells = 0;
        int o = 0;
        for (VopCall.Arg arg : call.args()) {
            if (arg.role() != VopCall.Role.OUT) {
                continue;
            }
            float[] ref = exact.get(o++);
            if (arg.value() instanceof FloatArray) {
                FloatArray a = (FloatArray) arg.value();
                for (int j = region.start(); j < region.start() + region.length(); j++) {
                    sum += Math.abs((double) a.get(j) - ref[j]);
                }
                cells += region.length();
            } else {
                FloatMatrix m = (FloatMatrix) arg.value();
                boolean fullWidth = call.partition() == Partition.ROWS && m.cols() != call.cols();
                int c0 = fullWidth ? 0 : region.col();
                int c1 = fullWidth ? m.cols() : region.col() + region.cols();
                for (int r = region.row(); r < region.row() + region.rows(); r++) {
                    for (int c = c0; c < c1; c++) {
                        sum += Math.abs((double) m.get(r, c) - ref[r * m.cols() + c]);
                    }
                }
                cells += (long) region.rows() * (c1 - c0);
            }
        }
        if (cells > 0) {
            return sum / cells;
        }
        if (exactPartial instanceof Number && approxPartial instanceof Number) {
            return Math.abs(((Number) approxPartial).doubleValue() - ((Number) exactPartial).doubleValue());
        }
        throw new IllegalStateException("policy oracle cannot measure " + call.name() + ": its HLOPs write no "
                + "output view and return " + (exactPartial == null ? "null" : exactPartial.getClass().getName())
                + ", not a number");
    }
}
