package dev.shmt.runtime.affinity;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Partition;
import dev.shmt.api.Precision;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Hlop;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the affinity of device worker threads back from the kernel ({@code Cpus_allowed_list} in
 * {@code /proc}), both from inside the HLOPs each device ran and by thread name from outside.
 */
class WorkersOnTheirCoresTest {
    @BeforeAll
    static void linuxWithTwoCores() {
        assumeTrue(Affinity.unsupported() == null, "thread affinity: " + Affinity.unsupported());
        assumeTrue(Affinity.allowed().cardinality() >= 2, "needs two cores");
    }

    /** A host-computing device that records the cores its worker threads may use while running HLOPs. */
    private static final class Probe extends BaseDevice {
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        Probe(String name, DeviceKind kind, int threads) {
            super(name, kind, Precision.FP32, threads);
        }

        @Override
        public boolean computesOnHost() {
            return true;
        }

        @Override
        public boolean supports(VopCall call) {
            return true;
        }

        @Override
        public Object run(Hlop hlop) throws IOException {
            seen.add(ThreadCores.current());
            return hlop.call().cpuKernel().run(hlop.region());
        }
    }

    private static VopCall scale(FloatArray a, FloatArray out) {
        return VopCall.builder("scale", Partition.ELEMENTWISE).length(a.length()).chunkHint(256)
                .cpu(r -> {
                    FloatArray x = a.slice(r);
                    FloatArray y = out.slice(r);
                    for (int i = 0; i < x.length(); i++) {
                        y.set(i, 2 * x.get(i));
                    }
                    return null;
                })
                .build();
    }

    @Test
    void byDefaultEachHostDeviceRunsOnItsOwnCoresAndSaysWhich() throws Exception {
        Probe cpu = new Probe("cpuA", DeviceKind.CPU, 2);
        Probe npu = new Probe("npuA", DeviceKind.NPU, 1);
        FloatArray a = FloatArray.create(64 * 1024);
        FloatArray out = FloatArray.create(a.length());
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(cpu).addDevice(npu)
                .cpuSets("auto").policy("even").build()) {
            Map<String, DeviceInfo> infos = new TreeMap<>();
            rt.devices().forEach(d -> infos.put(d.name(), d));
            String cpuCores = infos.get("cpuA").cores().list();
            String npuCores = infos.get("npuA").cores().list();
            assertThat(infos.get("cpuA").cores().pinned()).isTrue();
            assertThat(infos.get("npuA").cores().pinned()).isTrue();
            BitSet both = CoreList.parse(cpuCores, "cpu");
            assertWithMessage("disjoint sets").that(both.intersects(CoreList.parse(npuCores, "npu"))).isFalse();

            Report r = rt.execute(scale(a, out));
            assertThat(r.hlopsOn("cpuA")).isGreaterThan(0);
            assertThat(r.hlopsOn("npuA")).isGreaterThan(0);
            assertThat(cpu.seen).containsExactly(cpuCores);
            assertThat(npu.seen).containsExactly(npuCores);
            for (Report.DeviceSummary d : r.devices()) {
                assertThat(d.cores()).isEqualTo(infos.get(d.device()).cores());
            }
            assertThat(r.toTable()).contains("cores");

            Map<String, List<String>> byThread = ThreadCores.workers(rt.name());
            assertThat(byThread.get("cpuA")).containsExactly(cpuCores, cpuCores);
            assertThat(byThread.get("npuA")).containsExactly(npuCores);
        }
    }

    @Test
    void namedSetsPinEvenOverlappingDevicesAndNoneLeavesThemFree() throws Exception {
        BitSet allowed = Affinity.allowed();
        int first = allowed.nextSetBit(0);
        Probe one = new Probe("oneA", DeviceKind.CPU, 1);
        FloatArray a = FloatArray.create(4096);
        FloatArray out = FloatArray.create(a.length());
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(one)
                .cpuSets("oneA:" + first).build()) {
            rt.execute(scale(a, out));
            assertThat(one.seen).containsExactly(String.valueOf(first));
        }
        Probe free = new Probe("freeA", DeviceKind.CPU, 1);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(free).cpuSets("none").build()) {
            rt.execute(scale(a, out));
            assertThat(free.seen).containsExactly(CoreList.format(allowed));
            assertThat(rt.devices().get(0).cores().unpinned()).contains("turned off");
        }
    }
}
