package dev.shmt.runtime.policy.adaptive;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.AdaptiveSettings.Objective;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learner alone, fed costs that are known exactly (a fixed cost per device set and tile size, with a
 * repeating 2% jitter), so that where it ends and when it re-checks can be asserted call by call.
 */
class LearnerTest {
    private static final List<String> DEVICES = List.of("cpu", "npu");

    /**
     * cpu alone {@code cpu}, npu alone {@code npu}, both together as fast as their rates summed but 2x slower
     * for co-running (150 for cpu 100 and npu 300); times a factor per tile step: larger tiles are cheaper here.
     */
    private static double cost(Arm arm, int call, double cpu, double npu) {
        double set = arm.deviceCount() == 2 ? 2 / (1 / cpu + 1 / npu) : arm.has(0) ? cpu : npu;
        double tile = switch (arm.tileScale()) {
            case -2 -> 1.3;
            case -1 -> 1.15;
            case 0 -> 1.0;
            case 1 -> 0.9;
            default -> 0.8;
        };
        double jitter = 1 + 0.02 * ((call * 7) % 5 - 2) / 2.0;
        return set * tile * jitter * 1e6;
    }

    private record Ran(String configuration, boolean exploring) {}

    private static List<Ran> run(Learner l, int calls) {
        return run(l, calls, 100, 300);
    }

    private static List<Ran> run(Learner l, int calls, double cpu, double npu) {
        return run(l, calls, (arm, call) -> cost(arm, call, cpu, npu));
    }

    /** What a call of a configuration costs, by call number. */
    private interface Cost {
        double of(Arm arm, int call);
    }

    private static List<Ran> run(Learner l, int calls, Cost cost) {
        List<Ran> ran = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Learner.Decision d = l.decide(1 << 20);
            l.learn(d, cost.of(l.arm(d.arm()), i), null, 0);
            ran.add(new Ran(l.describe(d.arm()), d.exploring()));
        }
        return ran;
    }

    private static Learner learner() {
        return new Learner(Arm.all(2, s -> true), DEVICES, new int[] {1, 1}, 0.05, Objective.TIME);
    }

    @Test
    void whenTheDoubleTileDoesBest_itGoesOnToFourTimes() {
        List<Ran> ran = run(learner(), 400);
        for (Ran r : ran.subList(300, 400)) {
            if (!r.exploring()) {
                assertThat(r.configuration()).isEqualTo("cpu alone, tile x4");
            }
        }
        // A quarter of the tile is never tried: the best was never on that side of the hint.
        assertThat(ran.stream().map(Ran::configuration).toList()).doesNotContain("cpu alone, tile /4");
    }

    @Test
    void reChecksThatKeepConfirmingComeLessOften() {
        List<Ran> ran = run(learner(), 1500);
        List<Integer> x2 = new ArrayList<>(); // the calls that ran tile x2 once cpu alone at x4 was best
        boolean settled = false;
        for (int i = 0; i < ran.size(); i++) {
            settled |= !ran.get(i).exploring() && ran.get(i).configuration().equals("cpu alone, tile x4");
            if (settled && ran.get(i).configuration().equals("cpu alone, tile x2")) {
                x2.add(i);
            }
        }
        // The runner-up (tile x2, 12% dearer) is re-checked now and then, and every re-check agrees, so the
        // gaps double (30 calls, then 60, ...) up to 8 times 30.
        List<Integer> gaps = new ArrayList<>();
        for (int k = 1; k < x2.size(); k++) {
            gaps.add(x2.get(k) - x2.get(k - 1));
        }
        assertWithMessage("gaps between re-checks of tile x2 %s", gaps).that(gaps.size()).isAtLeast(4);
        assertWithMessage("gaps between re-checks of tile x2 %s", gaps).that(gaps.get(0)).isLessThan(4 * 30);
        // A re-check may wait up to 20 calls for another's (re-checks come 20 calls apart), so a gap may
        // come out that much shorter than the one before it.
        for (int k = 1; k < gaps.size(); k++) {
            assertWithMessage("gaps between re-checks of tile x2 %s", gaps).that(gaps.get(k))
                    .isAtLeast(gaps.get(k - 1) - 20);
        }
        assertWithMessage("gaps between re-checks of tile x2 %s", gaps).that(gaps.get(gaps.size() - 1))
                .isAtLeast(8 * 30 - 20);
        // All the trying after call 200 costs far less than the 5% budget allows.
        long exploring = ran.subList(200, ran.size()).stream().filter(Ran::exploring).count();
        assertThat(exploring).isAtMost(20);
    }

    @Test
    void whenTheBestsOwnDeviceSlowsDown_theOthersAreTriedAgain() {
        Learner l = learner();
        List<Ran> before = run(l, 400, 100, 130);
        assertThat(before.subList(390, 400).stream().filter(r -> !r.exploring()).map(Ran::configuration).distinct()
                .toList()).containsExactly("cpu alone, tile x4");
        // The cpu slows 4x (throttled, another program on it): cpu alone at x4 now costs 320, npu alone at x4
        // 104, as before. Had every other configuration's prior moved 4x with the best, as a machine-wide
        // slowdown would move them, npu alone would never look worth a try.
        List<Ran> after = run(l, 200, 400, 130);
        List<String> settled = after.subList(100, 200).stream().filter(r -> !r.exploring())
                .map(Ran::configuration).distinct().toList();
        assertWithMessage("after the cpu slowed: %s", after.stream().map(Ran::configuration).toList())
                .that(settled).containsExactly("npu alone, tile x4");
    }

    @Test
    void aTileSizeNoBetterThanTheHintWithinTheNoise_leavesTheHintBest() {
        // cpu alone at the hint 100, but 110 while it is first measured (another program ran then); twice the
        // tile 102, the others dearer. The hint's first calls put the double ahead; a re-check of the hint
        // within reach of the double's calls measures it afresh next to them, and within 5% the hint wins.
        Cost cost = (arm, call) -> {
            if (arm.has(1)) {
                return cost(arm, call, 100, 300);
            }
            double c = switch (arm.tileScale()) {
                case -2 -> 130;
                case -1 -> 115;
                case 0 -> call < 150 ? 110 : 100;
                case 1 -> 102;
                default -> 106;
            };
            return c * (1 + 0.01 * ((call * 7) % 5 - 2) / 2.0) * 1e6;
        };
        List<Ran> ran = run(learner(), 600, cost);
        assertWithMessage("%s", ran.subList(0, 150).stream().map(Ran::configuration).toList())
                .that(ran.subList(0, 150).stream().filter(r -> !r.exploring() && r.configuration().equals("cpu alone, tile x2"))
                        .count()).isAtLeast(30);
        List<String> settled = ran.subList(450, 600).stream().filter(r -> !r.exploring()).map(Ran::configuration)
                .distinct().toList();
        assertWithMessage("%s", ran.subList(150, 600).stream().map(Ran::configuration).toList()).that(settled)
                .containsExactly("cpu alone");
    }

    @Test
    void reChecksOfTrustedConfigurationsComeAtLeast20CallsApart() {
        List<Ran> ran = run(learner(), 1000);
        List<Integer> exploring = new ArrayList<>();
        for (int i = 200; i < ran.size(); i++) {
            if (ran.get(i).exploring()) {
                exploring.add(i);
            }
        }
        // Past learning every try here is a re-check that confirms (the costs hold still), so none comes
        // within 20 calls of the one before, even when several configurations fall due together.
        assertWithMessage("exploring calls after 200: %s", exploring).that(exploring.size()).isAtLeast(3);
        for (int k = 1; k < exploring.size(); k++) {
            assertWithMessage("exploring calls after 200: %s", exploring)
                    .that(exploring.get(k) - exploring.get(k - 1)).isAtLeast(20);
        }
    }
}
