package dev.shmt.cli;

import dev.shmt.cli.ShmtCommand;
import java.io.PrintStream;

/** Entry point of the {@code ./shmt} command; {@link ShmtCommand} holds the commands. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code (0 ok, 1 failed, 2 bad arguments). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return new ShmtCommand(out, err).commandLine().execute(args);
    }
}
