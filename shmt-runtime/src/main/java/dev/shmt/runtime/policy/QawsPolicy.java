package dev.shmt.runtime.policy;

import dev.shmt.api.QawsSettings;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.qaws.Assessment;
import dev.shmt.runtime.qaws.DeviceLimits;
import dev.shmt.runtime.qaws.Sampler;
import dev.shmt.runtime.qaws.TileSampling;
import dev.shmt.runtime.qaws.TopK;
import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import java.util.List;
import java.util.Objects;

/**
 * {@code qaws-{l,t}{s,u,r}}, section 3.5: quality-aware work stealing. Before any HLOP is queued, the
 * plan samples each HLOP's part of the inputs on the caller's thread ({@code s} striding, {@code u}
 * uniform random, {@code r} reduction: Algorithms 3 to 5) and scores its criticality. Then:
 *
 * <ul>
 *   <li>{@code l}, device limits (Algorithm 1): each precision tier of devices has a limit calibrated
 *       from the call's scores (see {@link DeviceLimits}); an HLOP starts on the least precise tier whose
 *       limit admits it.
 *   <li>{@code t}, top-K (Algorithm 2): in each window of W HLOPs the {@code ceil(K x W)} with the highest
 *       scores are critical and start on the most precise tier; the rest start on the least precise.
 * </ul>
 *
 * K is the VOP's hint ({@link VopCall#criticalFraction()}) when it gives one, else the runtime's
 * setting. Stealing is {@code ws}'s, restricted as the paper says: a device steals only from devices no
 * more precise than itself (for limits, "the same or a lower limit"; for top-K, "more accurate from
 * less accurate, never the reverse"); and a critical HLOP never runs on a device less precise than the
 * one it was planned on, whether stolen or re-routed after a failure.
 */
public final class QawsPolicy implements Policy {
    /** How scores become an initial plan. */
    public enum Assignment {
        LIMITS('l'),
        TOP_K('t');

        private final char code;

        Assignment(char code) {
            this.code = code;
        }

        public char code() {
            return code;
        }
    }

    private final Assignment assignment;
    private final Sampler sampler;
    private final QawsSettings settings;

    public QawsPolicy(Assignment assignment, Sampler sampler, QawsSettings settings) {
        this.assignment = Objects.requireNonNull(assignment, "assignment");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "qaws-" + assignment.code() + sampler.code();
    }

    public QawsSettings settings() {
        return settings;
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        Assessment a = TileSampling.assess(call, regions, sampler, settings);
        double[] scores = a.scores();
        double k = settings.criticalFraction(call.criticalFraction());
        PrecisionTiers tiers = new PrecisionTiers(eligible);
        int[] queueOf = new int[scores.length];
        boolean[] critical;
        if (assignment == Assignment.TOP_K) {
            critical = TopK.mark(scores, k, settings.window());
            for (int i = 0; i < scores.length; i++) {
                queueOf[i] = tiers.deal(critical[i] ? tiers.top() : 0);
            }
        } else {
            DeviceLimits limits = DeviceLimits.calibrate(scores, tiers.count(), k);
            critical = new boolean[scores.length];
            for (int i = 0; i < scores.length; i++) {
                critical[i] = limits.critical(scores[i]);
                queueOf[i] = tiers.deal(limits.tierOf(scores[i], tiers.count()));
            }
        }
        return new Plan(queueOf, a.nanos(), scores, critical, a.nonFiniteTotal());
    }

    @Override
    public Hlop steal(QueueView thief, List<QueueView> queues) {
        return Stealing.precisionAware(thief, queues);
    }
}
