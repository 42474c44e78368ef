package dev.shmt.runtime.policy.adaptive;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.emulate.Emulation;
import dev.shmt.runtime.emulate.Profile;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceStatus;
import dev.shmt.runtime.spi.Hlop;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that slows down 3x halfway through a run (throttling, another program on it): the adaptive
 * policy sees the configuration it runs drift out of its spread, tries the others again, and moves to
 * the one that is now fastest within a bounded number of calls.
 */
class AdaptiveDriftTest {
    /** An emulated device whose HLOPs take {@code factor} times their modelled time once it is set. */
    private static final class Throttled implements Device {
        private final Device inner;
        volatile double factor = 1;

        Throttled(Device inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public DeviceKind kind() {
            return inner.kind();
        }

        @Override
        public Precision precision() {
            return inner.precision();
        }

        @Override
        public int threads() {
            return inner.threads();
        }

        @Override
        public boolean computesOnHost() {
            return true;
        }

        @Override
        public String detail() {
            return inner.detail();
        }

        @Override
        public DeviceStatus status() {
            return inner.status();
        }

        @Override
        public boolean supports(VopCall call) {
            return inner.supports(call);
        }

        @Override
        public Object run(Hlop hlop) throws Exception {
            long t0 = System.nanoTime();
            Object out = inner.run(hlop);
            long extra = (long) ((factor - 1) * (System.nanoTime() - t0));
            long end = System.nanoTime() + extra;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return out;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aDeviceThatSlowsDown3x_isLeftWithinABoundedNumberOfCalls(@TempDir Path dir) throws Exception {
        // fast alone 100 ns per cell, slow alone 150; running both, each 2.5x slower: about 150 together, so
        // co-running never pays. (2.5x is the most interference the policy's optimistic estimates allow.)
        Path p = AdaptiveRuns.profile(dir, "drift", 100, 150, 2.5);
        List<Device> devices = Emulation.devices(Profile.load(p.toString()), 1, List.of()); // fp32 only
        Throttled fast = new Throttled(devices.get(0));
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(fast).addDevice(devices.get(1))
                .policy("adaptive").chunkHint(AdaptiveRuns.CHUNK)
                .adaptive(AdaptiveSettings.DEFAULTS.withoutCache().withAlpha(0.2)).build()) {
            // Warming lasts until the JIT compiles little (up to 40 calls in a busy test JVM), then it learns;
            // a budget of 20% lets one noisy try be paid back in a few calls: this test is about the drift,
            // AdaptiveConvergenceTest about learning within the default budget.
            List<AdaptiveRuns.Call> before = AdaptiveRuns.run(rt, 120);
            List<AdaptiveRuns.Call> settled = before.subList(100, 120);
            assertWithMessage("before the slowdown: %s", settled.stream().map(c -> c.choice().toString()).toList())
                    .that(settled.stream().filter(c -> c.alone("fast")).count()).isAtLeast(16);

            fast.factor = 3; // fast alone now 300 ns per cell: slow alone (150) is twice as fast, both about 250
            List<AdaptiveRuns.Call> after = AdaptiveRuns.run(rt, 150);
            int moved = -1;
            for (int i = 0; i + 10 <= after.size() && moved < 0; i++) {
                if (after.subList(i, i + 10).stream().filter(c -> c.alone("slow")).count() >= 8) {
                    moved = i;
                }
            }
            assertWithMessage("calls after the slowdown: %s", after.stream().map(c -> c.choice().toString()).toList())
                    .that(moved).isAtLeast(0);
            // Generous: an overloaded machine stretches the emulated times, and with them the calls it needs.
            assertWithMessage("calls until it ran slow alone 8 times in 10").that(moved).isAtMost(100);
            List<AdaptiveRuns.Call> end = after.subList(after.size() - 20, after.size());
            assertWithMessage("the last 20 calls").that(end.stream().filter(c -> c.alone("slow")).count())
                    .isAtLeast(16);
        }
    }
}
