package dev.shmt.runtime.policy.adaptive;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.runtime.ShmtRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adaptive policy on emulated devices whose costs are known: it ends on the configuration that is
 * really fastest, whether co-running helps or hurts, and its exploring stays within its budget.
 */
class AdaptiveConvergenceTest {
    /**
     * Calls per run: warming takes up to 40 in a busy test JVM, and on a loaded machine a noisy call can
     * send it exploring again; the last 40 are judged.
     */
    private static final int CALLS = 160;

    private static ShmtRuntime runtime(Path profile, AdaptiveSettings settings) {
        return ShmtRuntime.builder().emulate(profile.toString(), 1).policy("adaptive")
                .chunkHint(AdaptiveRuns.CHUNK).adaptive(settings).build();
    }

    private static long count(List<AdaptiveRuns.Call> calls, java.util.function.Predicate<AdaptiveRuns.Call> p) {
        return calls.stream().filter(p).count();
    }

    /** The exploring overspent its allowance by at most a few calls of what {@code settled} took (their median). */
    private static void assertBudgetHeld(List<AdaptiveRuns.Call> calls, List<AdaptiveRuns.Call> settled, double alpha) {
        double best = settled.stream().mapToLong(AdaptiveRuns.Call::wallNanos).sorted().skip(settled.size() / 2)
                .findFirst().orElseThrow();
        assertWithMessage("budget overspend at worst, in calls of the best")
                .that(AdaptiveRuns.worstOverspend(calls, alpha) / best).isAtMost(AdaptiveRuns.NOISE_CALLS);
    }

    @Test
    void whenCoRunningHurts_itConvergesToTheFastDeviceAlone(@TempDir Path dir) throws Exception {
        // fast alone: 100 ns per cell; both, each 4x slower when the other is busy: about 300 ns per cell.
        Path p = AdaptiveRuns.profile(dir, "corun-hurts", 100, 300, 4);
        AdaptiveSettings s = AdaptiveSettings.DEFAULTS.withoutCache();
        try (ShmtRuntime rt = runtime(p, s)) {
            List<AdaptiveRuns.Call> calls = AdaptiveRuns.run(rt, CALLS);
            List<AdaptiveRuns.Call> tail = calls.subList(CALLS - 40, CALLS);
            // Every HLOP on the fast device: alone, or with the slow one at a tile size where the slow device
            // leaves each HLOP to the fast one (work stealing's stragglers rule). Which of the two ends up best
            // is a matter of a few percent, and of the order the tile sizes and device sets were tried in.
            assertWithMessage("the last 40 calls: %s", tail.stream().map(c -> c.choice().toString()).toList())
                    .that(count(tail, c -> c.report().hlopsOn("slow") == 0)).isAtLeast(36);
            // Still exploring now and then (tile sizes that cost about the same), within its budget.
            assertThat(count(tail, c -> !c.choice().exploring())).isAtLeast(30);
            // The fast device's HLOPs ran there: nothing went to the device left out.
            assertThat(tail.get(tail.size() - 1).report().hlopsOn("slow")).isEqualTo(0);
            assertBudgetHeld(calls, tail, s.alpha());
        }
    }

    @Test
    void whenCoRunningHelps_itConvergesToAllDevices(@TempDir Path dir) throws Exception {
        // fast alone 100 ns per cell, slow alone 200, no interference: both together about 67.
        Path p = AdaptiveRuns.profile(dir, "corun-helps", 100, 200, 1);
        AdaptiveSettings s = AdaptiveSettings.DEFAULTS.withoutCache();
        try (ShmtRuntime rt = runtime(p, s)) {
            List<AdaptiveRuns.Call> calls = AdaptiveRuns.run(rt, CALLS);
            List<AdaptiveRuns.Call> tail = calls.subList(CALLS - 40, CALLS);
            assertWithMessage("the last 40 calls: %s", tail.stream().map(c -> c.choice().toString()).toList())
                    .that(count(tail, AdaptiveRuns.Call::allDevices)).isAtLeast(36);
            AdaptiveRuns.Call last = tail.get(tail.size() - 1);
            assertThat(last.report().hlopsOn("fast")).isGreaterThan(0);
            assertThat(last.report().hlopsOn("slow")).isGreaterThan(0);
            assertBudgetHeld(calls, tail, s.alpha());
        }
    }

    @Test
    void withNoBudget_itNeverTriesWhatItExpectsToCostMore(@TempDir Path dir) throws Exception {
        Path p = AdaptiveRuns.profile(dir, "no-budget", 100, 300, 4);
        AdaptiveSettings s = AdaptiveSettings.DEFAULTS.withoutCache().withAlpha(0);
        try (ShmtRuntime rt = runtime(p, s)) {
            List<AdaptiveRuns.Call> calls = AdaptiveRuns.run(rt, 40);
            for (AdaptiveRuns.Call c : calls) {
                if (c.choice().exploring() && !Double.isNaN(c.choice().baseline())) { // past the JIT's warm-up
                    // Only what its estimate says cannot cost more than the best: "at worst" within it.
                    assertWithMessage("%s", c.choice()).that(c.choice().why()).contains("budget left");
                }
            }
            double best = calls.stream().mapToLong(AdaptiveRuns.Call::wallNanos).min().orElseThrow();
            assertThat(AdaptiveRuns.worstOverspend(calls, 0) / best).isAtMost(AdaptiveRuns.NOISE_CALLS);
        }
    }
}
