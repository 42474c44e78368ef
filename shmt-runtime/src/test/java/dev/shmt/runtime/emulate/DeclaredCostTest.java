package dev.shmt.runtime.emulate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.DeviceDeclinedException;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Precision;
import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.ShmtRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VOP's declared costs ({@code @EmulationCost}, {@link VopCall#costs()}) against a profile's own: the same
 * numbers give the same time; the profile's own, where it names the VOP, override; neither declines.
 */
class DeclaredCostTest {
    private static final Region TILE = new Region(0, 0, 16, 32);

    /** A stencil call over 64 x 64 with one input and one output, so the bus moves both. */
    private static VopCall.Builder stencil(String name) {
        return VopCall.builder(name, Partition.TILE_2D).shape(64, 64).halo(1)
                .arg("src", VopCall.Role.IN, FloatMatrix.create(64, 64))
                .arg("dst", VopCall.Role.OUT, FloatMatrix.create(64, 64)).cpu(r -> null);
    }

    /** {@code d} with {@code vops} as its own costs, and {@code corun} as its co-running slowdown. */
    private static DeviceModel with(DeviceModel d, Map<String, VopCost> vops, double corun) {
        return new DeviceModel(d.name(), d.kind(), d.precision(), d.workers(), d.hlopNanos(), d.peakGops(),
                d.memoryGbs(), d.bus(), vops, corun);
    }

    /**
     * On every shipped device (its peaks, fixed cost and bus), operations and bytes per cell declared by the
     * VOP take the very nanoseconds the same numbers took as the profile's own entry: compute bound, memory
     * bound, and those of the shipped Sobel on the GPU and FFT on the NPU. The entry carries the device's
     * co-running slowdown, as the reader gives one without its own.
     */
    @Test
    void aDeclaredCostTakesTheNanosecondsOfTheSameNumbersInTheProfile() {
        double[][] opsAndBytes = {{40, 8}, {36, 2}, {8192, 4}, {4, 4}, {0.5, 64}};
        int compared = 0;
        for (String name : Profile.SHIPPED) {
            for (DeviceModel d : Profile.load(name).devices()) {
                for (double corun : new double[] {1, 1.5}) {
                    DeviceModel bare = with(d, Map.of(), corun);
                    for (double[] c : opsAndBytes) {
                        DeviceModel own = with(d, Map.of("Ops.v",
                                VopCost.roofline(c[0], c[1]).withCorunSlowdown(corun)), corun);
                        VopCall undeclared = stencil("Ops.v").build();
                        VopCall declared = stencil("Ops.v").cost(d.kind(), c[0], c[1]).build();
                        assertThat(bare.covers(undeclared)).isFalse();
                        for (boolean corunning : new boolean[] {false, true}) {
                            assertWithMessage("%s %s %s x %s, corunning %s", name, d.name(), c[0], c[1], corunning)
                                    .that(bare.hlopNanos(declared, TILE, corunning))
                                    .isEqualTo(own.hlopNanos(undeclared, TILE, corunning));
                        }
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(2 * 3 * 2 * 5);
    }

    @Test
    void theProfilesOwnCostOverridesTheDeclaredOne_andCarriesItsOwnCorunSlowdown() {
        DeviceModel d = ProfileReader.read("""
                {"profile": "p", "devices": [
                  {"name": "g", "kind": "GPU", "precision": "FP32", "workers": 1, "hlop_us": 0,
                   "peak_gops": 100, "memory_gbs": 8, "corun_slowdown": 1.5,
                   "vops": {"measured": {"ns_per_cell": 3, "corun_slowdown": 1.25}, "plain": {"ns_per_cell": 3}}}]}
                """, "p.json").device("g");
        VopCall measured = stencil("measured").cost(DeviceKind.GPU, 800, 8).build();
        assertThat(d.nanosPerCell(measured)).isEqualTo(3.0);
        assertThat(d.hlopNanos(measured, TILE)).isEqualTo(TILE.elements() * 3.0);
        assertThat(d.hlopNanos(measured, TILE, true)).isEqualTo(TILE.elements() * 3.0 * 1.25);
        // The profile's own cost without a slowdown of its own takes the device's, as a declared one does.
        assertThat(d.hlopNanos(stencil("plain").build(), TILE, true)).isEqualTo(TILE.elements() * 3.0 * 1.5);
        VopCall declared = stencil("declared").cost(DeviceKind.GPU, 800, 8).build();
        assertWithMessage("compute bound: 800 operations at 100 GOPS").that(d.nanosPerCell(declared)).isEqualTo(8.0);
        assertThat(d.hlopNanos(declared, TILE, true)).isEqualTo(TILE.elements() * 8.0 * 1.5);
    }

    @Test
    void withoutACostForTheDevicesKindACallIsDeclinedWithTheVopAndTheKindNamed() {
        DeviceModel gpu = new DeviceModel("gpu", DeviceKind.GPU, Precision.FP32, 1, 0, 100, 8, null, Map.of());
        VopCall cpuOnly = stencil("Ops.blur").cost(DeviceKind.CPU, 10, 8).build();
        assertThat(gpu.covers(cpuOnly)).isFalse();
        assertThat(gpu.cost(cpuOnly)).isNull();
        assertThat(gpu.whyNot(cpuOnly)).isEqualTo("Ops.blur declares no emulation cost for GPU devices"
                + " (@EmulationCost(kind = DeviceKind.GPU, ...)), and the profile gives device gpu no cost of its own for it");
        assertThat(assertThrows(IllegalArgumentException.class, () -> gpu.hlopNanos(cpuOnly, TILE)))
                .hasMessageThat().startsWith("device gpu cannot cost Ops.blur: Ops.blur declares no emulation cost for GPU");

        // A measured device has no roofline to run a declared cost against.
        DeviceModel measured = new DeviceModel("cpu", DeviceKind.CPU, Precision.FP32, 1, 0, Double.NaN, Double.NaN,
                null, Map.of("Ops.other", VopCost.measured(2)));
        assertThat(measured.covers(cpuOnly)).isFalse();
        assertThat(measured.whyNot(cpuOnly)).isEqualTo("Ops.blur declares an emulation cost for CPU devices, a roofline,"
                + " but the profile gives device cpu no peak_gops and memory_gbs to run it against, and no cost of its"
                + " own for it");
    }

    private static Path profile(Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, """
                {"profile": "declared", "devices": [
                  {"name": "slowcpu", "kind": "CPU", "precision": "FP32", "workers": 1, "hlop_us": 0,
                   "peak_gops": 1000, "memory_gbs": 1000}]}
                """);
        return f;
    }

    /** An ELEMENTWISE copy, 1024 elements an HLOP, with the given CPU cost or none. */
    private static VopCall copy(FloatArray a, FloatArray out, boolean declared) {
        VopCall.Builder b = VopCall.builder("Ops.copy", Partition.ELEMENTWISE).length(a.length()).chunkHint(1024)
                .cpu(r -> {
                    for (int i = r.start(); i < r.start() + r.length(); i++) {
                        out.set(i, a.get(i));
                    }
                    return null;
                });
        return (declared ? b.cost(DeviceKind.CPU, 1, 8) : b).build();
    }

    @Test
    void anEmulatedDeviceRunsACallByItsDeclaredCost_andDeclinesOneWithoutItsKinds(@TempDir Path dir) throws Exception {
        FloatArray a = FloatArray.create(4 * 1024);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, i);
        }
        FloatArray out = FloatArray.create(a.length());
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(profile(dir).toString(), 1).policy("single:slowcpu")
                .build()) {
            DeviceDeclinedException e = assertThrows(DeviceDeclinedException.class,
                    () -> rt.execute(copy(a, out, false)));
            assertThat(e.reason()).isEqualTo("emulated from profile declared: Ops.copy declares no emulation cost for"
                    + " CPU devices (@EmulationCost(kind = DeviceKind.CPU, ...)), and the profile gives device slowcpu"
                    + " no cost of its own for it");
            assertThat(out.toArray()).isEqualTo(new float[a.length()]);

            Report r = rt.execute(copy(a, out, true));
            assertThat(r.hlopsOn("slowcpu")).isEqualTo(4);
            assertThat(out.toArray()).isEqualTo(a.toArray());
        }
    }
}
