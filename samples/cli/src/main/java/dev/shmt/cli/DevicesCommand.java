package dev.shmt.cli;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.Shmt;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./shmt devices}: what the runtime found, and why anything missing is missing. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Every device the runtime found: kind, precision, worker threads, the host cores its workers "
                + "run on (SHMT_CPU_SETS, e.g. cpu:0-2,npu:3, or none), how it runs "
                + "(model, driver, fallback) and, for each unavailable one, the cause; then every energy meter "
                + "(RAPL, NVML, INA3221 rails, SHMT_POWER_METER, device models) with what it reads or why it cannot.")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Every energy meter with what it reads, or why it does not work. */
    static void meters(PrintWriter out, EnergyMeters energy) {
        out.printf(Locale.ROOT, "%nenergy meters (./shmt bench --energy, Shmt.builder().energy(...)):%n");
        for (EnergyMeters.Meter m : energy.meters()) {
            if (!m.available()) {
                out.printf(Locale.ROOT, "  %-9s unavailable: %s%n", m.name(), m.cause());
                continue;
            }
            out.printf(Locale.ROOT, "  %-9s available%s%n", m.name(), m.detail().isEmpty() ? "" : " (" + m.detail() + ")");
            for (String c : m.channels()) {
                out.printf(Locale.ROOT, "            %s%n", c);
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Shmt rt = Shmt.builder().energy(EnergySettings.ON).build()) {
            out.printf(Locale.ROOT, "%-8s %-6s %-9s %7s  %-6s %s%n", "device", "kind", "precision", "threads", "cores",
                    "status");
            for (DeviceInfo d : rt.devices()) {
                String status = d.available() ? "available" + (d.detail().isEmpty() ? "" : " (" + d.detail() + ")")
                        : "unavailable: " + d.cause();
                String cores = d.cores() == null ? "-" : d.cores().pinned() ? d.cores().list() : "any";
                out.printf(Locale.ROOT, "%-8s %-6s %-9s %7d  %-6s %s%n", d.name(), d.kind(), d.precision(), d.threads(),
                        cores, status);
            }
            for (DeviceInfo d : rt.devices()) {
                if (d.cores() != null && !d.cores().pinned()) {
                    out.printf(Locale.ROOT, "%s: not pinned to cores: %s%n", d.name(), d.cores().unpinned());
                }
            }
            meters(out, rt.energy());
        }
        out.flush();
        return 0;
    }
}
