package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.FloatArray;
import dev.shmt.api.Report;
import dev.shmt.runtime.testing.CopyVop;
import dev.shmt.runtime.testing.FaultDevice;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code ws}'s end game ({@code policy.Stragglers}): a device far slower than another leaves the last
 * HLOPs to it once both have run the VOP, and takes its share while there is enough left. Placement is
 * checked, not time: the HLOP counts follow from the rule whatever the machine's speed, given sleeps
 * long against scheduling noise (2 and 40 ms).
 */
class StragglersTest {
    private static final long FAST = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long SLOW = TimeUnit.MILLISECONDS.toNanos(40);

    private static Report copy(ShmtRuntime rt, int hlops) {
        FloatArray a = FloatArray.create(hlops * 1024);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, i);
        }
        FloatArray out = FloatArray.create(a.length());
        Report r = rt.execute(CopyVop.of(a, out));
        for (int i = 0; i < a.length(); i++) {
            assertWithMessage("out[%s]", i).that(out.get(i)).isEqualTo(a.get(i));
        }
        return r;
    }

    private static double meanNanos(Report r, String device) {
        return r.hlops().stream().filter(h -> h.device().equals(device)).mapToLong(Report.HlopRecord::runNanos)
                .average().orElseThrow();
    }

    private static long on(Report r, String device) {
        return r.hlops().stream().filter(h -> h.device().equals(device)).count();
    }

    @Test
    void aDevice20TimesSlower_leavesA6HlopCallToTheFastOne_onceItKnowsBothSpeeds() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).policy("ws")
                .addDevice(FaultDevice.slow("fast", FAST)).addDevice(FaultDevice.slow("slow", SLOW)).build()) {
            Report first = copy(rt, 6);
            assertWithMessage("with nothing learned the slow device takes its first HLOP, as plain ws")
                    .that(on(first, "slow")).isAtLeast(1);
            Report second = copy(rt, 6);
            // 6 HLOPs take the fast device 12 ms; one HLOP on the slow device alone would take 40.
            assertWithMessage("the slow device leaves every HLOP to the fast one: %s", second.hlops())
                    .that(on(second, "slow")).isEqualTo(0);
            assertThat(on(second, "fast")).isEqualTo(6);
        }
    }

    @Test
    void aSlowDevice_stillTakesItsShare_whileThereIsEnoughLeft() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).policy("ws")
                .addDevice(FaultDevice.slow("fast", FAST)).addDevice(FaultDevice.slow("slow", SLOW)).build()) {
            copy(rt, 6);
            // 120 HLOPs: 240 ms for the fast device alone; the slow one's 40 ms HLOPs fit several times.
            Report big = copy(rt, 120);
            assertWithMessage("the slow device's share of a long call").that(on(big, "slow")).isAtLeast(2);
            // No slow HLOP may end after the fast device could have finished all that was left: the slow one
            // stops taking when fewer remain than it is times slower, so it holds at most 1/(ratio + 1) of the
            // work, plus the HLOP it had started. The ratio is the one the devices ran at: 20 on an idle
            // machine, less where a loaded one stretches the fast device's 2 ms sleeps.
            double ratio = meanNanos(big, "slow") / meanNanos(big, "fast");
            assertWithMessage("ratio %s", ratio).that(on(big, "slow"))
                    .isAtMost((long) Math.ceil(120 / (ratio + 1)) + 1);
        }
    }

    @Test
    void theSlowDevice_takesTheHlopsAFasterDeviceFailed() {
        AtomicBoolean faulty = new AtomicBoolean();
        FaultDevice fast = FaultDevice.failing("fast", i -> faulty.get());
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).policy("ws").quarantineAfter(1000)
                .addDevice(fast).addDevice(FaultDevice.slow("slow", SLOW)).build()) {
            copy(rt, 6); // both learn their speeds
            faulty.set(true);
            Report r = copy(rt, 4);
            assertWithMessage("every HLOP the fast device failed ran on the slow one: %s", r.hlops())
                    .that(on(r, "slow")).isEqualTo(4);
        }
    }
}
