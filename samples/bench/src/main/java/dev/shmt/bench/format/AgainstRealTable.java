package dev.shmt.bench.format;

import dev.shmt.bench.results.AgainstReal;
import dev.shmt.bench.results.RunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text table {@code --against-real} adds under an app's table: per policy the real and emulated
 * medians, the emulated time over the real one, and the HLOP shares of both sides.
 */
final class AgainstRealTable {
    private AgainstRealTable() {}

    /** @param rows every one compared with the real devices ({@link RunResult.Emulated#against()} set) */
    static void print(PrintStream out, List<RunResult> rows) {
        out.println("  against this machine's devices (--against-real), the same policies in the same rounds:");
        out.printf(Locale.ROOT, "    %-12s %10s %10s  %-24s %-26s %-26s %s%n", "policy", "real ms", "emul. ms",
                "emulated / real [95% CI]", "HLOP share real", "HLOP share emulated", "most apart");
        for (RunResult row : rows) {
            AgainstReal a = row.emulated().against();
            if (a.error() != null) {
                out.printf(Locale.ROOT, "    %-12s failed: %s%n", row.policy(), a.error());
                continue;
            }
            out.printf(Locale.ROOT, "    %-12s %10.1f %10.1f  %-24s %-26s %-26s %.1f pts%n", row.policy(), a.realMs(),
                    row.medianMs(), String.format(Locale.ROOT, "%.2f [%.2f-%.2f]", a.ratio().median(),
                            a.ratio().low(), a.ratio().high()), text(a.realShares()), text(a.emulatedShares()),
                    a.mostApartPoints());
        }
    }

    private static String text(Map<String, Double> shares) {
        List<String> parts = new ArrayList<>();
        shares.forEach((d, x) -> parts.add(String.format(Locale.ROOT, "%s %.1f%%", d, x)));
        return String.join(" ", parts);
    }
}
