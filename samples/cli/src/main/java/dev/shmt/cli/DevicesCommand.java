package dev.shmt.cli;

import dev.shmt.api.DeviceInfo;
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
                + "(model, driver, fallback) and, for each unavailable one, the cause.")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Shmt rt = Shmt.builder().build()) {
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
        }
        out.flush();
        return 0;
    }
}
