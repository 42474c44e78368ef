package dev.shmt.runtime.affinity;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.Hlop;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorePlanTest {
    /** A device of any kind that may or may not compute on host cores (like an NPU on TFLite's CPU path). */
    private static final class Plain extends BaseDevice {
        private final boolean host;

        Plain(String name, DeviceKind kind, int threads, boolean host) {
            super(name, kind, Precision.INT8, threads);
            this.host = host;
        }

        @Override
        public boolean computesOnHost() {
            return host;
        }

        @Override
        public boolean supports(VopCall call) {
            return false;
        }

        @Override
        public Object run(Hlop hlop) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Device CPU = new CpuDevice(4);
    private static final Device NPU = new Plain("npu", DeviceKind.NPU, 1, true);
    private static final Device TPU = new Plain("tpu", DeviceKind.NPU, 1, false);
    private static final Device GPU = new Plain("gpu", DeviceKind.GPU, 1, false);
    private static final Set<String> NAMES = Set.of("cpu", "npu", "tpu", "gpu");

    private static BitSet cores(String list) {
        return CoreList.parse(list, "test");
    }

    private static Map<Device, CorePlan.Placement> auto(List<Device> devices, String allowed) {
        return CorePlan.place(devices, NAMES, CoreSets.AUTO, cores(allowed), null);
    }

    @Test
    void onTwoCoresTheCpuTakesCoreZeroAndTheHostNpuCoreOne() {
        var plan = auto(List.of(CPU, NPU, GPU), "0-1");
        assertThat(plan.get(CPU).cores().toString()).isEqualTo("0");
        assertThat(plan.get(NPU).cores().toString()).isEqualTo("1");
        assertThat(plan.get(GPU).set()).isNull();
        assertThat(plan.get(GPU).cores().toString()).isEqualTo("0-1 (not pinned: computes off the host)");
    }

    @Test
    void theCpuGetsEveryCoreTheOthersDoNotNeed() {
        var plan = auto(List.of(CPU, NPU), "0-7");
        assertThat(plan.get(CPU).cores().list()).isEqualTo("0-6");
        assertThat(plan.get(NPU).cores().list()).isEqualTo("7");
        Device npu2 = new Plain("npu", DeviceKind.NPU, 2, true);
        var twoNpuThreads = auto(List.of(CPU, npu2), "2-3,6-7");
        assertThat(twoNpuThreads.get(CPU).cores().list()).isEqualTo("2-3");
        assertThat(twoNpuThreads.get(npu2).cores().list()).isEqualTo("6-7");
    }

    @Test
    void aSoleHostDeviceGetsAllCoresAndAnEdgeTpuNone() {
        var plan = auto(List.of(CPU, TPU), "0-3");
        assertThat(plan.get(CPU).cores().toString()).isEqualTo("0-3");
        assertThat(plan.get(TPU).cores().pinned()).isFalse();
    }

    @Test
    void fewerCoresThanHostDevicesPinsNothingAndSaysWhy() {
        var plan = auto(List.of(CPU, NPU), "0");
        assertThat(plan.get(CPU).set()).isNull();
        assertThat(plan.get(NPU).cores().toString())
                .isEqualTo("0 (not pinned: 1 core for 2 devices that compute on host cores)");
    }

    @Test
    void withoutPlatformSupportOrWhenTurnedOffNothingIsPinned() {
        var plan = CorePlan.place(List.of(CPU, NPU), NAMES, CoreSets.AUTO, cores("0-3"), "no affinity here");
        assertThat(plan.get(CPU).cores().unpinned()).isEqualTo("no affinity here");
        var off = CorePlan.place(List.of(CPU, NPU), NAMES, CoreSets.parse("none", "SHMT_CPU_SETS"), cores("0-3"), null);
        assertThat(off.get(NPU).cores().unpinned()).isEqualTo("core sets turned off (SHMT_CPU_SETS=none)");
    }

    @Test
    void namedSetsAreUsedAsGivenEvenOverlappingOrForADeviceOffTheHost() {
        var sets = CoreSets.parse("cpu:0-1,gpu:1", "--cpu-sets");
        var plan = CorePlan.place(List.of(CPU, NPU, GPU), NAMES, sets, cores("0-3"), null);
        assertThat(plan.get(CPU).cores().toString()).isEqualTo("0-1");
        assertThat(plan.get(GPU).cores().toString()).isEqualTo("1");
        assertThat(plan.get(NPU).cores().toString()).isEqualTo("0-3 (not pinned: not named in --cpu-sets)");
    }

    @Test
    void namedSetsMustNameKnownDevicesAndUsableCores() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> CorePlan.place(List.of(CPU), NAMES,
                CoreSets.parse("cpuu:0", "SHMT_CPU_SETS"), cores("0-1"), null)).getMessage())
                .startsWith("SHMT_CPU_SETS: no device named 'cpuu'; devices are ");
        assertThat(assertThrows(IllegalArgumentException.class, () -> CorePlan.place(List.of(CPU), NAMES,
                CoreSets.parse("cpu:1-3", "--cpu-sets"), cores("0-1"), null)).getMessage())
                .isEqualTo("--cpu-sets: cores 2-3 for cpu are not among the cores this process may use (0-1)");
        // A known device this runtime does not use is fine: one SHMT_CPU_SETS serves many runtimes.
        var plan = CorePlan.place(List.of(CPU), NAMES, CoreSets.parse("cpu:0,npu:1", "x"), cores("0-1"), null);
        assertThat(plan.get(CPU).cores().list()).isEqualTo("0");
    }
}
