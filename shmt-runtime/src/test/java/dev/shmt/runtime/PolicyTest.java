package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Partition;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.testing.FaultDevice;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code ws} against {@code even} on two devices of unequal speed: each HLOP's kernel takes 1 ms of
 * sleep on either, and the slow device waits 3 ms more, so it is 4 times slower. Sleeping rather than
 * computing keeps the ratio steady on a busy machine.
 */
class PolicyTest {
    private static final int HLOPS = 60;
    private static final long KERNEL_NANOS = 1_000_000;

    private static ShmtRuntime twoDevices(String policy) {
        return ShmtRuntime.builder().discoverDevices(false)
                .addDevice(new CpuDevice("fast", 1))
                .addDevice(FaultDevice.slow("slow", 3 * KERNEL_NANOS))
                .policy(policy).build();
    }

    private static VopCall sleepyCall() {
        return VopCall.builder("sleepy", Partition.ELEMENTWISE).length(HLOPS * 1024).chunkHint(1024)
                .cpu(r -> {
                    FaultDevice.sleep(KERNEL_NANOS);
                    return null;
                })
                .build();
    }

    /** Median wall time of three calls, and the last report. */
    private static Object[] run(String policy) {
        try (ShmtRuntime rt = twoDevices(policy)) {
            long[] walls = new long[3];
            Report last = null;
            for (int i = 0; i < walls.length; i++) {
                last = rt.execute(sleepyCall());
                walls[i] = last.wallNanos();
            }
            Arrays.sort(walls);
            return new Object[] {walls[1], last};
        }
    }

    @Test
    void evenSplitsEvenlyAndNeverSteals() {
        Report even = (Report) run("even")[1];
        assertThat(even.hlopsOn("fast")).isEqualTo(HLOPS / 2);
        assertThat(even.hlopsOn("slow")).isEqualTo(HLOPS / 2);
        assertThat(even.steals()).isEqualTo(0);
        // Round robin: HLOP i starts on device i % 2.
        for (Report.HlopRecord h : even.hlops()) {
            assertThat(h.device()).isEqualTo(h.index() % 2 == 0 ? "fast" : "slow");
        }
    }

    @Test
    void workStealingGivesTheFasterDeviceMoreAndFinishesSooner() {
        Object[] even = run("even");
        Object[] ws = run("ws");
        Report wsReport = (Report) ws[1];
        int fast = wsReport.hlopsOn("fast");
        int slow = wsReport.hlopsOn("slow");
        assertThat(fast + slow).isEqualTo(HLOPS);
        // Ideal is 4:1 (48 vs 12); allow for a noisy machine but demand a clear majority.
        assertThat(fast).isAtLeast(2 * slow);
        assertThat(wsReport.steals()).isGreaterThan(0);
        for (Report.HlopRecord h : wsReport.hlops()) {
            if (h.stolen()) {
                assertThat(h.device()).isEqualTo("fast");
                assertThat(h.stolenFrom()).isEqualTo("slow");
            }
        }
        // even waits for the slow device's 30 x 4 ms; ws should need about 60 / 1.25 = 48 ms.
        assertThat((long) ws[0]).isLessThan((long) even[0] * 3 / 4);
    }

    @Test
    void singleRunsEverythingOnTheNamedDevice() {
        try (ShmtRuntime rt = twoDevices("single:slow")) {
            VopCall call = VopCall.builder("quick", Partition.ELEMENTWISE).length(8 * 1024).chunkHint(1024)
                    .cpu(r -> null).build();
            Report r = rt.execute(call);
            assertThat(r.hlopsOn("slow")).isEqualTo(8);
            assertThat(r.hlopsOn("fast")).isEqualTo(0);
            assertThat(r.policy()).isEqualTo("single:slow");
        }
    }

    @Test
    void unknownPoliciesAndDevicesAreRefusedByName() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> ShmtRuntime.builder().policy("fastest")))
                .hasMessageThat().isEqualTo("policy 'fastest' is unknown; expected one of single:<device>, even, ws, "
                        + "qaws-ls, qaws-lu, qaws-lr, qaws-ts, qaws-tu, qaws-tr, adaptive, oracle, random, "
                        + "round-robin"); // the last from this module's test provider, testing/RoundRobin
        assertThat(assertThrows(IllegalArgumentException.class, () -> twoDevices("single:gpu")))
                .hasMessageThat().contains("policy single:gpu names device 'gpu' but the runtime's devices are [fast, slow]");
    }
}
