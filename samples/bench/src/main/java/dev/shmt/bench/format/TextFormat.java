package dev.shmt.bench.format;

import dev.shmt.bench.results.AppResults;
import dev.shmt.bench.results.SweepResults;
import java.io.PrintStream;

/**
 * The text {@code ./shmt bench} prints: each app's table as soon as the app is done (with the
 * {@code --against-real} comparison under it), and a sweep's summary at its end.
 */
public final class TextFormat implements ResultFormat {
    private final PrintStream out;

    public TextFormat(PrintStream out) {
        this.out = out;
    }

    @Override
    public void appDone(AppResults app) {
        BenchTable.print(out, app);
        if (app.rows().stream().anyMatch(r -> r.emulated() != null && r.emulated().against() != null)) {
            AgainstRealTable.print(out, app.rows());
        }
    }

    @Override
    public void sweepDone(SweepResults sweep) {
        SweepTable.print(out, sweep);
    }
}
