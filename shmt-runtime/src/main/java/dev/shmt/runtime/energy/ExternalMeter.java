package dev.shmt.runtime.energy;

import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyMeter;
import dev.shmt.runtime.spi.Setting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A meter of the user's, such as the wall meter the SHMT paper read: {@code SHMT_POWER_METER} (or
 * {@code -Dshmt.power.meter}) names a file that holds the power in watts, re-read at every sample (a
 * driver's sysfs file, or one a logging script rewrites), or {@code cmd:<command>}, a command started once
 * that prints one figure in watts per line (its latest line is the power now). Sampled on the monitor's
 * thread like any power channel, and counted as the whole system's ({@code wall}).
 */
public final class ExternalMeter implements EnergyMeter {
    public static final Setting SETTING = new Setting("shmt.power.meter", "SHMT_POWER_METER");

    private final String spec;
    private final String unavailable;
    private final EnergyChannel channel;
    private Process process;

    /** The meter {@link #SETTING} names. */
    public ExternalMeter() {
        this(SETTING.text());
    }

    /** @param spec a file of watts, or {@code cmd:<command>}; null for none */
    public ExternalMeter(String spec) {
        this.spec = spec;
        String why = null;
        EnergyChannel ch = null;
        if (spec == null) {
            why = "none named: SHMT_POWER_METER=<file holding watts> or SHMT_POWER_METER='cmd:<command printing watts"
                    + " per line>' adds a wall meter like the SHMT paper's";
        } else if (spec.startsWith("cmd:")) {
            try {
                ch = command(spec.substring(4).trim());
            } catch (IOException e) {
                why = SETTING.origin() + ": the command did not start: " + e.getMessage();
            }
        } else {
            Path file = Path.of(spec);
            try {
                parse(Files.readString(file), file.toString());
                ch = channel(() -> parse(Files.readString(file), file.toString()));
            } catch (IOException | RuntimeException e) {
                why = SETTING.origin() + ": expected a readable file holding a power in watts, or cmd:<command>: "
                        + e.getMessage();
            }
        }
        this.unavailable = why;
        this.channel = ch;
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public String detail() {
        return spec == null ? "" : SETTING.origin();
    }

    @Override
    public String unavailable() {
        return unavailable;
    }

    @Override
    public List<EnergyChannel> channels() {
        return channel == null ? List.of() : List.of(channel);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }

    /** What the channel reads each sample. */
    private interface Watts {
        double read() throws IOException;
    }

    private EnergyChannel command(String command) throws IOException {
        if (command.isEmpty()) {
            throw new IOException("cmd: names no command");
        }
        process = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Latest latest = new Latest();
        Thread reader = new Thread(() -> latest.follow(process, command), "shmt-power-meter-reader");
        reader.setDaemon(true);
        reader.start();
        return channel(latest::watts);
    }

    private static EnergyChannel channel(Watts w) {
        return new EnergyChannel() {
            @Override
            public String name() {
                return "meter";
            }

            @Override
            public String device() {
                return null;
            }

            @Override
            public Scope scope() {
                return Scope.WALL;
            }

            @Override
            public Method method() {
                return Method.SAMPLED;
            }

            @Override
            public String note() {
                return "the whole system as the user's meter sees it";
            }

            @Override
            public double watts() throws IOException {
                return w.read();
            }
        };
    }

    static double parse(String text, String source) throws IOException {
        String t = text.strip();
        String first = t.isEmpty() ? "" : t.split("\\s+")[0];
        try {
            double w = Double.parseDouble(first);
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IOException(source + " holds " + first + ", not a power >= 0");
            }
            return w;
        } catch (NumberFormatException e) {
            throw new IOException(source + " holds '" + (first.length() > 40 ? first.substring(0, 40) : first)
                    + "', not a number of watts");
        }
    }

    /** The latest line a meter command printed. */
    private static final class Latest {
        private volatile double watts = Double.NaN;
        private volatile String failure = "the command has printed nothing yet";

        void follow(Process p, String command) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        watts = parse(line, "the command's output");
                        failure = null;
                    } catch (IOException e) {
                        failure = e.getMessage();
                    }
                }
                failure = "the command '" + command + "' ended";
            } catch (IOException e) {
                failure = "reading the command's output: " + e.getMessage();
            }
        }

        double watts() throws IOException {
            String f = failure;
            if (f != null) {
                throw new IOException(f);
            }
            return watts;
        }
    }
}
