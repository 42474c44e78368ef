package dev.shmt.runtime.policy;

import dev.shmt.api.QawsSettings;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.qaws.TopK;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * {@code random}: chance, measured, <b>an evaluation tool like {@link OraclePolicy}</b>. Of a call's N
 * HLOPs, {@code ceil(K x N)} drawn at random (seeded, so every run draws the same) are critical and run
 * on the most precise tier, the rest on the least precise; nothing is stolen, so the approximate share
 * is exactly {@code 1 - K}. What a QAWS policy's error at some share is compared with when an app's
 * errors do not simply add up HLOP by HLOP (an FFT pass spreads each HLOP's error over the next pass's
 * every output), where "share x error alone" is not what random HLOPs give.
 */
public final class RandomPolicy implements Policy {
    private final QawsSettings settings;

    public RandomPolicy(QawsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        PrecisionTiers tiers = new PrecisionTiers(eligible);
        int n = regions.size();
        int critical = TopK.quota(settings.criticalFraction(call.criticalFraction()), n);
        // A partial Fisher-Yates shuffle: the first `critical` of the permutation are the critical HLOPs.
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(settings.seed() + 0x9E3779B97F4A7C15L * n);
        boolean[] marked = new boolean[n];
        for (int i = 0; i < critical; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            marked[order[i]] = true;
        }
        int[] queueOf = new int[n];
        for (int i = 0; i < n; i++) {
            queueOf[i] = tiers.deal(marked[i] ? tiers.top() : 0);
        }
        return new Plan(queueOf, 0, null, marked, 0);
    }
}
