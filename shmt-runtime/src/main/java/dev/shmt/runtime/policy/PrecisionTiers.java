package dev.shmt.runtime.policy;

import dev.shmt.api.Precision;
import dev.shmt.runtime.spi.QueueView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A call's eligible devices grouped by precision, least precise tier first (int8, fp16, fp32 among those
 * present). Within a tier HLOPs are dealt round robin, as {@code ws} deals over all devices.
 */
final class PrecisionTiers {
    private final List<int[]> tiers = new ArrayList<>(); // indices into eligible
    private final List<Precision> precisions = new ArrayList<>();
    private final int[] next;

    PrecisionTiers(List<QueueView> eligible) {
        for (Precision p : List.of(Precision.INT8, Precision.FP16, Precision.FP32)) {
            int[] members = new int[eligible.size()];
            int n = 0;
            for (int i = 0; i < eligible.size(); i++) {
                if (eligible.get(i).device().precision() == p) {
                    members[n++] = i;
                }
            }
            if (n > 0) {
                tiers.add(Arrays.copyOf(members, n));
                precisions.add(p);
            }
        }
        next = new int[tiers.size()];
    }

    int count() {
        return tiers.size();
    }

    int top() {
        return tiers.size() - 1;
    }

    Precision precision(int tier) {
        return precisions.get(tier);
    }

    /** The first device of {@code tier}, as an index into the eligible devices. */
    int first(int tier) {
        return tiers.get(tier)[0];
    }

    /** The next device of {@code tier} in round-robin order, as an index into the eligible devices. */
    int deal(int tier) {
        int[] members = tiers.get(tier);
        return members[next[tier]++ % members.length];
    }
}
