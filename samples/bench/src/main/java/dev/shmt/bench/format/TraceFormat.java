package dev.shmt.bench.format;

import dev.shmt.bench.results.RunResult;
import dev.shmt.runtime.trace.ChromeTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code --trace} file: every timed run's HLOPs as Chrome trace-event JSON. The runner records them
 * into {@code trace} as it goes; this writes what it recorded once the run is over.
 */
public final class TraceFormat implements ResultFormat {
    private final ChromeTrace trace;
    private final Path file;
    private final PrintStream out;

    /** @param out where it says which file it wrote */
    public TraceFormat(ChromeTrace trace, Path file, PrintStream out) {
        this.trace = trace;
        this.file = file;
        this.out = out;
    }

    @Override
    public void runDone(List<RunResult> all) throws IOException {
        trace.write(file);
        out.println("trace: " + file + " (" + trace.calls() + " calls; open it in https://ui.perfetto.dev)");
    }
}
