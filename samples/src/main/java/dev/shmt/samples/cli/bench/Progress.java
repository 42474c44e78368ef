package dev.shmt.samples.cli.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for {@code ./shmt bench}: drawn in place with carriage returns, only on a
 * terminal and only once the work has taken a couple of seconds, so short runs and logs stay clean.
 */
final class Progress {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private final int total;
    private int done;
    private int drawnWidth;

    Progress(PrintStream err, boolean enabled, int total) {
        this.err = err;
        this.enabled = enabled;
        this.total = Math.max(1, total);
    }

    /** One unit of work finished; {@code next} says what runs now. */
    void step(String next) {
        done = Math.min(total, done + 1);
        show(next);
    }

    /** Redraws with a new label, without counting a step. */
    void show(String label) {
        long elapsed = System.nanoTime() - start;
        if (!enabled || elapsed < SHOW_AFTER_NANOS) {
            return;
        }
        int filled = BAR * done / total;
        long s = elapsed / 1_000_000_000L;
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d %d:%02d  %s", "#".repeat(filled),
                "-".repeat(BAR - filled), done, total, s / 60, s % 60, label);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    /** Wipes the bar so ordinary output can follow on a clean line. */
    void clear() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** Whether stderr is a terminal a bar can be redrawn on (JDK 22+ has a console even when redirected). */
    static boolean terminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17 to 21: a console exists only on a terminal
        }
    }
}
