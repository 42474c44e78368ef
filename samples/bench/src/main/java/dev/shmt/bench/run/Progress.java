package dev.shmt.bench.run;

import dev.shmt.api.HlopEvent;
import dev.shmt.api.ShmtObserver;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for {@code ./shmt bench}: drawn in place with carriage returns, only on a
 * terminal and only once the work has taken a couple of seconds, so short runs and logs stay clean.
 * Registered as an observer on every runtime the bench builds, it also counts the HLOPs finished, live,
 * so a long round shows it is moving.
 */
final class Progress implements ShmtObserver {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    /** The least time between two redraws for HLOPs alone: one per HLOP would flood a terminal. */
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private final int total;
    private int done;
    private int drawnWidth;
    private String label = "";
    private long hlops;
    private long drawnAt;

    Progress(PrintStream err, boolean enabled, int total) {
        this.err = err;
        this.enabled = enabled;
        this.total = Math.max(1, total);
    }

    /** Whether it draws at all: when not, the bench registers it on no runtime, which then creates no events. */
    boolean enabled() {
        return enabled;
    }

    /** One unit of work finished; {@code next} says what runs now. */
    synchronized void step(String next) {
        done = Math.min(total, done + 1);
        show(next);
    }

    /** Redraws with a new label, without counting a step. */
    synchronized void show(String label) {
        this.label = label;
        draw(System.nanoTime());
    }

    /** Counts the HLOPs the bench's runtimes finish (on their event threads). */
    @Override
    public synchronized void hlop(HlopEvent event) {
        if (event.kind() == HlopEvent.Kind.FINISHED) {
            hlops++;
            long now = System.nanoTime();
            if (now - drawnAt >= REDRAW_NANOS) {
                draw(now);
            }
        }
    }

    private void draw(long now) {
        long elapsed = now - start;
        if (!enabled || elapsed < SHOW_AFTER_NANOS) {
            return;
        }
        drawnAt = now;
        int filled = BAR * done / total;
        long s = elapsed / 1_000_000_000L;
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d %d:%02d %,d HLOPs  %s", "#".repeat(filled),
                "-".repeat(BAR - filled), done, total, s / 60, s % 60, hlops, label);
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    /** Wipes the bar so ordinary output can follow on a clean line. */
    synchronized void clear() {
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
