package dev.shmt.spark.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./shmt spark}: the bundled VOPs over a folder of images on Apache Spark. */
@Command(name = "shmt spark", mixinStandardHelpOptions = true, version = "shmt 0.1.0-SNAPSHOT",
        description = "Runs a bundled VOP over many images on Apache Spark: one SHMT runtime per executor, on the "
                + "devices Spark grants it; local[*] by default, or a cluster with --master.",
        subcommands = {SobelJob.class, ImagesCommand.class, CommandLine.HelpCommand.class})
public final class SparkCommand implements Callable<Integer> {
    public static void main(String[] args) {
        // The command's own log settings, unless the user gives theirs; the library's jar sets none.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:dev/shmt/spark/cli/log4j2-cli.properties");
        }
        System.exit(commandLine().execute(args));
    }

    /** Bad arguments: one line and exit 2; any other failure: one line and exit 1 (SHMT_DEBUG=1: the trace). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkCommand());
        cl.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, args) -> {
            System.err.println("shmt spark: " + oneLine(ex.getMessage()) + " (see ./shmt spark --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if ("1".equals(System.getenv("SHMT_DEBUG"))) {
                ex.printStackTrace();
            }
            if (ex instanceof IllegalArgumentException) {
                System.err.println("shmt spark: " + oneLine(ex.getMessage()));
                return 2;
            }
            System.err.println("shmt spark: failed: " + oneLine(String.valueOf(ex)) + " (SHMT_DEBUG=1 shows the stack trace)");
            return 1;
        });
        return cl;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    @Override
    public Integer call() {
        commandLine().usage(System.out);
        return 0;
    }
}
