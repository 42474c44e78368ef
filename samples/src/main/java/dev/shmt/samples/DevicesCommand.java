package dev.shmt.samples;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Shmt;
import java.io.PrintStream;
import java.util.Locale;

/** {@code ./shmt devices}: what the runtime found, and why anything missing is missing. */
final class DevicesCommand {
    private DevicesCommand() {}

    static int run(PrintStream out) {
        try (Shmt rt = Shmt.builder().build()) {
            out.printf(Locale.ROOT, "%-8s %-6s %-9s %7s  %s%n", "device", "kind", "precision", "threads", "status");
            for (DeviceInfo d : rt.devices()) {
                String status = d.available() ? "available" + (d.detail().isEmpty() ? "" : " (" + d.detail() + ")")
                        : "unavailable: " + d.cause();
                out.printf(Locale.ROOT, "%-8s %-6s %-9s %7d  %s%n", d.name(), d.kind(), d.precision(), d.threads(), status);
            }
        }
        return 0;
    }
}
