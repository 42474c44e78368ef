package dev.shmt.npu;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Report;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.affinity.Affinity;
import dev.shmt.runtime.affinity.ThreadCores;
import dev.shmt.runtime.device.CpuDevice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real NPU device on TFLite's CPU kernels next to the CPU device: by default each on cores of its
 * own, as the kernel reports for their worker threads while they run HLOPs.
 */
class NpuOnItsOwnCoresTest {
    @AfterEach
    void clear() {
        System.clearProperty(NpuMode.PROPERTY);
    }

    @Test
    void theTfliteNpuAndTheCpuEachRunOnTheirOwnCores() throws Exception {
        assumeTrue(Affinity.unsupported() == null, "thread affinity: " + Affinity.unsupported());
        assumeTrue(Affinity.allowed().cardinality() >= 2, "needs two cores");
        System.setProperty(NpuMode.PROPERTY, "tflite-cpu");
        NpuDevice npu = NpuDevice.detect(1);
        assertThat(npu.computesOnHost()).isTrue();
        StencilFixture f = new StencilFixture(512, 512, 128);
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice(1))
                .addDevice(npu).cpuSets("auto").policy("even").build()) {
            DeviceInfo cpuInfo = rt.devices().get(0);
            DeviceInfo npuInfo = rt.devices().get(1);
            assertThat(cpuInfo.cores().pinned()).isTrue();
            assertThat(npuInfo.cores().pinned()).isTrue();
            assertThat(cpuInfo.cores().list()).isNotEqualTo(npuInfo.cores().list());

            Report r = rt.execute(f.withCpu());
            assertThat(r.hlopsOn("npu")).isGreaterThan(0);
            assertThat(r.hlopsOn("cpu")).isGreaterThan(0);
            Map<String, List<String>> workers = ThreadCores.workers(rt.name());
            assertThat(workers.get("npu")).containsExactly(npuInfo.cores().list());
            assertThat(workers.get("cpu")).containsExactly(cpuInfo.cores().list());
        }
    }
}
