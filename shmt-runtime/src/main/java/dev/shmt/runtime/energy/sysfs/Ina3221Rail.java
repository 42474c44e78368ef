package dev.shmt.runtime.energy.sysfs;

import java.io.IOException;
import java.nio.file.Path;

/** One INA3221 power rail of a Jetson module, its power read from sysfs at every sample. */
final class Ina3221Rail implements SysfsMeter.FileChannel {
    static final String SYSTEM_NOTE = "the module's input; the carrier board and a USB Edge TPU are on no rail";

    /** A rail's power now, from its files. */
    private interface Power {
        double watts() throws IOException;
    }

    private final String name;
    private final String rail;
    private final Power power;

    private final SysfsValue[] files;

    private Ina3221Rail(String name, String rail, Power power, SysfsValue... files) {
        this.files = files;
        this.name = name;
        this.rail = rail;
        this.power = power;
    }

    /** JetPack 4's IIO driver: {@code in_powerN_input}, milliwatts. */
    static Ina3221Rail iio(String name, String rail, Path milliwatts) {
        SysfsValue mw = new SysfsValue(milliwatts);
        return new Ina3221Rail(name, rail, () -> mw.read() / 1e3, mw);
    }

    /** JetPack 5 and 6's hwmon driver: {@code inN_input} millivolts times {@code currN_input} milliamps. */
    static Ina3221Rail hwmon(String name, String rail, Path millivolts, Path milliamps) {
        SysfsValue mv = new SysfsValue(millivolts);
        SysfsValue ma = new SysfsValue(milliamps);
        return new Ina3221Rail(name, rail, () -> mv.read() * (double) ma.read() / 1e6, mv, ma);
    }

    /** Closes the files its samples keep open. */
    @Override
    public void close() {
        for (SysfsValue f : files) {
            f.close();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String device() {
        return switch (rail) {
            case "POM_5V_GPU" -> "gpu";
            case "POM_5V_CPU" -> "cpu";
            // VDD_CPU_GPU_CV feeds the CPU, the GPU and the CV engines together: no one device's.
            default -> null;
        };
    }

    @Override
    public Scope scope() {
        return system() ? Scope.SYSTEM : Scope.WITHIN;
    }

    private boolean system() {
        return rail.equals("VDD_IN") || rail.equals("POM_5V_IN");
    }

    @Override
    public Method method() {
        return Method.SAMPLED;
    }

    @Override
    public String note() {
        return system() ? SYSTEM_NOTE : "";
    }

    @Override
    public double watts() throws IOException {
        return power.watts();
    }

    @Override
    public String toString() {
        return name;
    }
}
