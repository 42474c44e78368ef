package dev.shmt.gpu.energy;

import static com.google.common.truth.Truth.assertThat;
import static dev.shmt.gpu.energy.NvmlStandIns.ENERGY_WATTS;
import static dev.shmt.gpu.energy.NvmlStandIns.POWER_WATTS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.Range;
import dev.shmt.api.Energy;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.gpu.energy.NvmlStandIns.Variant;
import dev.shmt.runtime.energy.EnergyMonitor;
import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyChannel.Method;
import dev.shmt.runtime.spi.EnergyChannel.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NVML meter on stand-in libnvidia-ml.so.1 libraries built here with gcc. */
class NvmlMeterStandInTest {
    @Test
    void standInWithEnergyCounterGivesOneCounterChannelPerGpu() throws Exception {
        Path lib = NvmlStandIns.library(Variant.COUNTER);
        try (NvmlMeter meter = new NvmlMeter(lib.toString())) {
            assertThat(meter.name()).isEqualTo("nvml");
            assertThat(meter.unavailable()).isNull();
            assertThat(meter.detail()).isEqualTo(lib + ": gpu0 Stand-in GPU 0 (energy counter),"
                    + " gpu1 Stand-in GPU 1 (energy counter)");
            List<EnergyChannel> channels = meter.channels();
            assertThat(channels.stream().map(EnergyChannel::name).toList()).containsExactly("gpu0", "gpu1").inOrder();
            // Only NVML's GPU 0 is the runtime's gpu device (CUDA device 0).
            assertThat(channels.get(0).device()).isEqualTo("gpu");
            assertThat(channels.get(1).device()).isNull();
            for (EnergyChannel c : channels) {
                assertThat(c.method()).isEqualTo(Method.COUNTER);
                assertThat(c.scope()).isEqualTo(Scope.COMPONENT);
                assertThat(c.outsideSystem()).isTrue();
                assertThat(c.resolutionJoules()).isEqualTo(1e-3);
                assertThat(c.wrapJoules()).isPositiveInfinity();
                assertThat(c.note()).contains("\"Part-time Power Measurements\"");
                assertThat(c.note()).doesNotContain("pre-Volta");
                assertThrows(UnsupportedOperationException.class, c::watts);
            }
        }
    }

    @Test
    void standInCounterGivesItsRateTimesTheTimeWithinTheCounterError() throws Exception {
        try (NvmlMeter meter = new NvmlMeter(NvmlStandIns.library(Variant.COUNTER).toString())) {
            EnergyChannel c = meter.channels().get(0);
            long before0 = System.nanoTime();
            double j0 = c.joules();
            long after0 = System.nanoTime();
            Thread.sleep(100);
            long before1 = System.nanoTime();
            double j1 = c.joules();
            long after1 = System.nanoTime();
            // Both the stand-in and nanoTime read CLOCK_MONOTONIC. The reads happened somewhere within
            // [before, after], so the time between them is within [before1 - after0, after1 - before0]; each
            // read is rounded down to a millijoule, so the difference is off by less than the two units
            // resolutionJoules allows.
            double slack = 2 * c.resolutionJoules();
            double least = ENERGY_WATTS * (before1 - after0) / 1e9 - slack;
            double most = ENERGY_WATTS * (after1 - before0) / 1e9 + slack;
            assertThat(j1 - j0).isIn(Range.closed(least, most));
        }
    }

    @Test
    void standInWithoutEnergyCounterSamplesPower() throws Exception {
        Path lib = NvmlStandIns.library(Variant.NO_COUNTER);
        try (NvmlMeter meter = new NvmlMeter(lib.toString())) {
            assertThat(meter.unavailable()).isNull();
            assertThat(meter.detail()).isEqualTo(lib + ": gpu0 Stand-in GPU 0 (power sampled),"
                    + " gpu1 Stand-in GPU 1 (power sampled)");
            for (EnergyChannel c : meter.channels()) {
                assertThat(c.method()).isEqualTo(Method.SAMPLED);
                assertThat(c.scope()).isEqualTo(Scope.COMPONENT);
                assertThat(c.outsideSystem()).isTrue();
                assertThat(c.watts()).isEqualTo(POWER_WATTS);
                assertThat(c.note()).startsWith("the GPU's energy counter is not supported (pre-Volta), so its"
                        + " power is sampled and integrated; ");
                assertThat(c.note()).contains("\"Part-time Power Measurements\"");
                assertThrows(UnsupportedOperationException.class, c::joules);
            }
        }
    }

    /** Through the runtime's monitor: the sampled power integrates to watts times the window, both GPUs. */
    @Test
    void standInSampledPowerIntegratesToWattsTimesTheWindowInTheMonitor() throws Exception {
        NvmlMeter meter = new NvmlMeter(NvmlStandIns.library(Variant.NO_COUNTER).toString());
        try (EnergyMonitor m = new EnergyMonitor(EnergySettings.ON, List.of(meter), "nvml-test-sampler")) {
            EnergyMeters.Window w = m.start();
            Thread.sleep(60);
            Energy e = w.stop();
            for (String key : List.of("nvml:gpu0", "nvml:gpu1")) {
                Energy.Reading r = e.reading(key);
                // Constant power: the integral is exact, and the stated error is 0.
                assertThat(r.joules()).isWithin(1e-9).of(POWER_WATTS * e.windowNanos() / 1e9);
                assertThat(r.errorJoules()).isEqualTo(0.0);
            }
            assertThat(e.joulesOf("gpu")).isEqualTo(e.reading("nvml:gpu0").joules());
            assertThat(e.totalFrom()).isEqualTo("nvml:gpu0 + nvml:gpu1");
        }
    }

    @Test
    void standInWithDriverNotLoadedSaysSo() throws Exception {
        Path lib = NvmlStandIns.library(Variant.DRIVER_NOT_LOADED);
        long shutdowns = NvmlStandIns.counter(lib, "shutdown");
        try (NvmlMeter meter = new NvmlMeter(lib.toString())) {
            assertThat(meter.unavailable()).isEqualTo("NVIDIA driver not loaded (nvmlInit: Driver Not Loaded)");
            assertThat(meter.channels()).isEmpty();
        }
        // nvmlInit failed, so there is nothing to shut down.
        assertThat(NvmlStandIns.counter(lib, "shutdown")).isEqualTo(shutdowns);
    }

    @Test
    void standInWithoutGpusSaysNoGpuAndShutsNvmlDownAtOnce() throws Exception {
        Path lib = NvmlStandIns.library(Variant.NO_GPU);
        long inits = NvmlStandIns.counter(lib, "init");
        long shutdowns = NvmlStandIns.counter(lib, "shutdown");
        NvmlMeter meter = new NvmlMeter(lib.toString());
        assertThat(meter.unavailable()).isEqualTo("no NVIDIA GPU");
        assertThat(meter.channels()).isEmpty();
        assertThat(NvmlStandIns.counter(lib, "init")).isEqualTo(inits + 1);
        assertThat(NvmlStandIns.counter(lib, "shutdown")).isEqualTo(shutdowns + 1);
        meter.close();
        assertThat(NvmlStandIns.counter(lib, "shutdown")).isEqualTo(shutdowns + 1);
    }

    @Test
    void standInIsShutDownOnceByCloseAndReadsAfterItFail() throws Exception {
        Path lib = NvmlStandIns.library(Variant.COUNTER);
        long inits = NvmlStandIns.counter(lib, "init");
        long shutdowns = NvmlStandIns.counter(lib, "shutdown");
        NvmlMeter meter = new NvmlMeter(lib.toString());
        EnergyChannel c = meter.channels().get(0);
        assertThat(NvmlStandIns.counter(lib, "init")).isEqualTo(inits + 1);
        meter.close();
        meter.close();
        assertThat(NvmlStandIns.counter(lib, "shutdown")).isEqualTo(shutdowns + 1);
        IOException e = assertThrows(IOException.class, c::joules);
        assertThat(e).hasMessageThat().isEqualTo("gpu0: the nvml meter is closed");
    }
}
