package dev.shmt.runtime.energy.sysfs;

import java.io.IOException;
import java.nio.file.Path;

/** One powercap RAPL zone: its {@code energy_uj} counter, in microjoules. */
final class RaplZone implements SysfsMeter.FileChannel {
    private final String name;
    private final String device;
    private final Scope scope;
    private final String note;
    private final Path energyFile;
    private final SysfsValue counter;
    private final double wrapJoules;

    RaplZone(String name, String device, Scope scope, String note, Path energyFile, double wrapJoules) {
        this.name = name;
        this.device = device;
        this.scope = scope;
        this.note = note;
        this.energyFile = energyFile;
        this.counter = new SysfsValue(energyFile);
        this.wrapJoules = wrapJoules;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public Method method() {
        return Method.COUNTER;
    }

    @Override
    public String note() {
        return note;
    }

    /** Closes the counter file its reads keep open. */
    @Override
    public void close() {
        counter.close();
    }

    /** The counter file, for messages. */
    Path energyFile() {
        return energyFile;
    }

    @Override
    public double joules() throws IOException {
        return counter.read() / 1e6;
    }

    @Override
    public double wrapJoules() {
        return wrapJoules;
    }

    @Override
    public double resolutionJoules() {
        return 1e-6;
    }

    @Override
    public String toString() {
        return name + " (" + energyFile + ")";
    }
}
