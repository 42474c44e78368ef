package dev.shmt.runtime.policy.adaptive;

import java.util.ArrayList;
import java.util.List;

/**
 * One configuration the adaptive policy can run a call with: a set of the eligible devices (a bit per
 * device, in the runtime's order) and the tile size as a power of two of the hinted one.
 */
record Arm(long devices, int tileScale) {
    /**
     * The tile sizes tried around the hint: half, as given, double; a quarter and four times only when
     * the half or the double did best ({@link Learner}).
     */
    static final int[] TILE_SCALES = {0, -1, 1, -2, 2};

    int deviceCount() {
        return Long.bitCount(devices);
    }

    boolean has(int device) {
        return (devices & (1L << device)) != 0;
    }

    /** The devices' names joined by '+', as the cache and reports write them. */
    String deviceNames(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (has(i)) {
                sb.append(sb.length() == 0 ? "" : "+").append(names.get(i));
            }
        }
        return sb.toString();
    }

    /** The cache's code for it: device names, a colon and the tile scale ({@code cpu+npu:-1}). */
    String code(List<String> names) {
        return deviceNames(names) + ":" + tileScale;
    }

    /**
     * Every configuration over {@code n} devices: all devices first (where learning starts), each device
     * alone, the other subsets when there are more than two devices; each at every tile scale.
     * {@code allowed} filters device sets (a quality-aware policy keeps the most precise device in).
     */
    static List<Arm> all(int n, java.util.function.LongPredicate allowed) {
        if (n < 1 || n > 16) {
            throw new IllegalArgumentException("the adaptive policy learns over 1 to 16 devices, got " + n);
        }
        long full = (1L << n) - 1;
        List<Long> sets = new ArrayList<>();
        sets.add(full);
        for (int i = 0; i < n && n > 1; i++) {
            sets.add(1L << i);
        }
        for (long s = 1; s < full; s++) {
            if (Long.bitCount(s) > 1) {
                sets.add(s);
            }
        }
        List<Arm> arms = new ArrayList<>();
        for (int scale : TILE_SCALES) {
            for (long s : sets) {
                if (allowed.test(s)) {
                    arms.add(new Arm(s, scale));
                }
            }
        }
        return arms;
    }
}
