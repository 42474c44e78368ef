package dev.shmt.runtime.policy.adaptive;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.runtime.ShmtRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the adaptive policy learned is kept in its cache folder, and a second runtime starts from it. */
class AdaptiveCacheTest {
    private static ShmtRuntime runtime(Path profile, AdaptiveSettings settings, String... devices) {
        return ShmtRuntime.builder().emulate(profile.toString(), 1).devices(devices).policy("adaptive")
                .chunkHint(AdaptiveRuns.CHUNK).adaptive(settings).build();
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aSecondRunStartsFromWhatTheFirstLearned_freshIgnoresIt(@TempDir Path dir) throws Exception {
        Path p = AdaptiveRuns.profile(dir, "cached", 100, 300, 4);
        Path cache = dir.resolve("cache");
        AdaptiveSettings s = AdaptiveSettings.DEFAULTS.fresh(false).withCache(cache);
        try (ShmtRuntime rt = runtime(p, s, "fast", "slow")) {
            AdaptiveRuns.run(rt, 60);
        }
        assertThat(files(cache)).hasSize(1);
        String kept = Files.readString(files(cache).get(0));
        String cheapest = cheapest(kept);

        // The second run starts from the cheapest configuration kept, without trying anything first.
        try (ShmtRuntime rt = runtime(p, s, "fast", "slow")) {
            AdaptiveRuns.Call first = AdaptiveRuns.run(rt, 1).get(0);
            assertWithMessage("%s\n%s", first.choice(), kept)
                    .that(first.choice().configuration().replace(" (ws)", "")).isEqualTo(cheapest);
            assertThat(first.choice().exploring()).isFalse();
            assertThat(first.choice().why()).contains("learned earlier");
        }
        try (ShmtRuntime rt = runtime(p, s.fresh(true), "fast", "slow")) {
            AdaptiveRuns.Call first = AdaptiveRuns.run(rt, 1).get(0);
            assertThat(first.choice().why()).contains("nothing known yet");
        }
    }

    /**
     * The cheapest configuration in a cache file, as reports describe it: its line's code ({@code fast+slow:2})
     * written as {@code fast+slow, tile x4}, or {@code fast alone} for one device at the hint.
     */
    private static String cheapest(String kept) {
        String code = null;
        double least = Double.POSITIVE_INFINITY;
        for (String line : kept.lines().filter(l -> !l.startsWith("#")).toList()) {
            String[] f = line.split("\t");
            double cost = Double.parseDouble(f[2]);
            if (cost < least) {
                least = cost;
                code = f[1];
            }
        }
        assertWithMessage(kept).that(code).isNotNull();
        String devices = code.substring(0, code.indexOf(':'));
        int scale = Integer.parseInt(code.substring(code.indexOf(':') + 1));
        return (devices.contains("+") ? devices : devices + " alone")
                + (scale == 0 ? "" : scale > 0 ? ", tile x" + (1 << scale) : ", tile /" + (1 << -scale));
    }

    @Test
    void anotherDeviceSetStartsAfresh(@TempDir Path dir) throws Exception {
        Path p = AdaptiveRuns.profile(dir, "sets", 100, 300, 4);
        AdaptiveSettings s = AdaptiveSettings.DEFAULTS.fresh(false).withCache(dir.resolve("cache"));
        try (ShmtRuntime rt = runtime(p, s, "fast", "slow")) {
            AdaptiveRuns.run(rt, 30);
        }
        try (ShmtRuntime rt = runtime(p, s, "slow")) {
            AdaptiveRuns.Call first = AdaptiveRuns.run(rt, 1).get(0);
            assertThat(first.choice().why()).contains("nothing known yet");
        }
    }

    @Test
    void aCacheThatCannotBeWrittenCostsTheLearningNotTheCall(@TempDir Path dir) throws Exception {
        Path p = AdaptiveRuns.profile(dir, "unwritable", 100, 300, 4);
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        try (ShmtRuntime rt = runtime(p, AdaptiveSettings.DEFAULTS.fresh(false).withCache(notAFolder), "fast", "slow")) {
            assertThat(AdaptiveRuns.run(rt, 10)).hasSize(10);
        }
    }
}
