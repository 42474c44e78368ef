package dev.shmt.bench.emulate;

import dev.shmt.api.DeviceInfo;
import dev.shmt.runtime.emulate.DeviceModel;
import dev.shmt.runtime.emulate.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --emulate here}: the profile of this machine's devices as the bench measured them in its own
 * real runs of an app, written where the emulated runtimes read it.
 */
public final class HereProfile {
    private HereProfile() {}

    /** The profile {@code costs} measured of {@code devices} while running {@code app}, as a plan to emulate. */
    public static EmulationPlan of(String app, MeasuredCosts costs, List<DeviceInfo> devices, double dilation) {
        Path file;
        try {
            file = Files.createTempFile("shmt-here-" + app + "-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, costs.profile(EmulationPlan.HERE, "This machine's devices, measured by ./shmt bench"
                    + " --emulate here in the runs it compares with", List.of("./shmt bench --emulate here"), devices)
                    .toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EmulationPlan.of(file.toString(), dilation).alsoOnRealDevices();
    }

    /**
     * The measured fixed cost per HLOP is the time real calls spent between HLOPs. Emulated calls spend
     * that time too, really, divided by the dilation: the profile keeps the rest, {@code 1 - 1 / D} of it.
     */
    public static EmulationPlan withoutDilatedGaps(EmulationPlan e, double dilation) {
        List<DeviceModel> ds = new ArrayList<>();
        for (DeviceModel d : e.profile().devices()) {
            ds.add(new DeviceModel(d.name(), d.kind(), d.precision(), d.workers(), d.hlopNanos() * (1 - 1 / dilation),
                    d.peakGops(), d.memoryGbs(), d.bus(), d.vops(), d.corunSlowdown()));
        }
        Profile p = new Profile(e.profile().name(), e.profile().description(), e.profile().sources(), ds);
        try {
            Files.writeString(Path.of(e.source()), p.toJson());
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return EmulationPlan.of(e.source(), dilation).alsoOnRealDevices();
    }
}
