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
            AdaptiveRuns.run(rt, 150);
        }
        assertThat(files(cache)).hasSize(1);
        String kept = Files.readString(files(cache).get(0));
        assertWithMessage(kept).that(kept).contains("\tfast:");

        try (ShmtRuntime rt = runtime(p, s, "fast", "slow")) {
            AdaptiveRuns.Call first = AdaptiveRuns.run(rt, 1).get(0);
            assertWithMessage("%s", first.choice()).that(first.alone("fast")).isTrue();
            assertThat(first.choice().exploring()).isFalse();
            assertThat(first.choice().why()).contains("learned earlier");
        }
        try (ShmtRuntime rt = runtime(p, s.fresh(true), "fast", "slow")) {
            AdaptiveRuns.Call first = AdaptiveRuns.run(rt, 1).get(0);
            assertThat(first.choice().why()).contains("nothing known yet");
        }
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
