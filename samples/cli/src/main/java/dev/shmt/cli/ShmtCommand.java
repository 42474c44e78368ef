package dev.shmt.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code shmt} command and its subcommands. */
@Command(name = "shmt", mixinStandardHelpOptions = true, version = "shmt 0.1.0-SNAPSHOT",
        description = "SHMT: one data-parallel operation on the GPU, the NPU and the CPU at the same time.",
        footer = "%nAlso: ./shmt spark (images, sobel): the bundled VOPs over a folder of images on Apache Spark, from "
                + "the shmt-spark module's class path (see ./shmt spark --help).%n",
        subcommands = {DevicesCommand.class, DoctorCommand.class, BenchCommand.class, ProfileCommand.class, PassThrough.Demo.class,
                PassThrough.GpuBandwidth.class, PassThrough.Jmh.class, CommandLine.HelpCommand.class})
public final class ShmtCommand implements Callable<Integer> {
    /** Set to 1 to get the stack trace of an unexpected failure instead of its one-line summary. */
    static final String DEBUG_ENV = "SHMT_DEBUG";

    private final PrintStream out;
    private final PrintStream err;

    public ShmtCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Without a subcommand: the usage. */
    @Override
    public Integer call() {
        commandLine().usage(out);
        return 0;
    }

    /**
     * The command line with our error handling: a mistake in the arguments, or an argument a command
     * finds wrong (an {@link IllegalArgumentException}), is one line on stderr and exit code 2, never
     * a stack trace; any other failure is one line and exit code 1.
     */
    public CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println("shmt: " + oneLine(ex.getMessage()) + " (see ./"
                    + ex.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                err.println("shmt: " + oneLine(ex.getMessage()));
                return 2;
            }
            if ("1".equals(System.getenv(DEBUG_ENV))) {
                ex.printStackTrace(err);
            } else {
                err.println("shmt: failed: " + oneLine(String.valueOf(ex)) + " (" + DEBUG_ENV + "=1 shows the stack trace)");
            }
            return 1;
        });
        return cl;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
