package dev.shmt.bench.format;

import dev.shmt.bench.results.RunResult;
import dev.shmt.bench.results.SweepResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The {@code --plot} PNG: the run's speedup and quality per app and policy, or the sweep's curves. */
public final class PngFormat implements ResultFormat {
    private final Path file;
    private final PrintStream out;

    /** @param out where it says which file it wrote */
    public PngFormat(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
    }

    @Override
    public void runDone(List<RunResult> all) throws IOException {
        BenchPlot.write(file, all);
        out.println("plot: " + file);
    }

    @Override
    public void sweepDone(SweepResults sweep) throws IOException {
        SweepPlot.write(file, sweep);
        out.println("plot: " + file);
    }
}
