package dev.shmt.cli;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Energy;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.Apps;
import dev.shmt.apps.BenchApp;
import dev.shmt.bench.calls.CallLog;
import dev.shmt.bench.emulate.MeasuredCosts;
import dev.shmt.bench.results.SteadyState;
import dev.shmt.runtime.emulate.DeviceModel;
import dev.shmt.runtime.emulate.Profile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./shmt profile}: measures this machine's devices per app into a profile that {@code ./shmt
 * bench --emulate} reads. Each device runs each app alone ({@code single:<device>}) with every device
 * on its own cores, as in the bench; a VOP's cost on a device is its HLOPs' run time over their cells.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures this machine's devices per app and writes a profile for ./shmt bench --emulate: per "
                + "device its kind, precision and workers, per VOP the time per cell of its HLOPs run alone (fixed "
                + "costs folded in at the app's tile size)."})
final class ProfileCommand implements Callable<Integer> {
    private static final int MIN_WARMUP = 6;
    private static final long WARMUP_CAP_SECONDS = 20;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "APP", description = "Apps to measure (default: all; ./shmt bench --help lists them).")
    List<String> apps = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE.json", required = true, description = "Where to write the profile.")
    Path out;

    @Option(names = "--size", paramLabel = "N", description = "Problem size for every app, as for ./shmt bench; "
            + "default per app. Profile at the size you will emulate: per-cell costs change with tile sizes.")
    Integer size;

    @Option(names = "--devices", split = ",", paramLabel = "D", description = "Devices to measure (default: every"
            + " available one).")
    List<String> devices;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "5", description = "Measured runs per app and device,"
            + " after warm-up runs until the time is steady (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--validate", description = "Then, in the same process, run ./shmt bench on the apps with --emulate"
            + " of the profile just written and --against-real: every policy emulated and real in the same interleaved"
            + " rounds, the emulated time over the real one and the HLOP shares side by side.")
    boolean validate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated inputs (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--idle-seconds", paramLabel = "S", defaultValue = "3", description = "Where an energy meter works:"
            + " seconds of idle power measured first, for the profile's power figures (default ${DEFAULT-VALUE}).")
    double idleSeconds;

    /** This machine's idle power, measured before the apps; NaN without a meter. */
    private double idleWatts = Double.NaN;

    /** Workers per measured device. */
    private final Map<String, Integer> threads = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out: folder " + parent + " does not exist");
        }
        List<BenchApp> chosen = apps.isEmpty() ? Apps.all()
                : new LinkedHashSet<>(apps).stream().map(Apps::named).toList();
        PrintWriter pw = spec.commandLine().getOut();
        List<DeviceInfo> found;
        if (!(idleSeconds > 0) || idleSeconds > 300) {
            throw new IllegalArgumentException("--idle-seconds must be a number of seconds in (0, 300], got " + idleSeconds);
        }
        try (Shmt rt = Shmt.builder().energy(EnergySettings.ON).build()) {
            found = rt.devices().stream().filter(DeviceInfo::available)
                    .filter(d -> devices == null || devices.contains(d.name())).toList();
            if (rt.energy().meters().stream().anyMatch(EnergyMeters.Meter::available)) {
                idleWatts = rt.energy().measureIdle(Duration.ofMillis(Math.round(idleSeconds * 1000))).totalWatts();
                pw.printf(Locale.ROOT, "idle power: %.3f W over %.1f s%n", idleWatts, idleSeconds);
            } else {
                pw.printf(Locale.ROOT, "power: not recorded (no energy meter works here: %s)%n", rt.energy().unavailable());
            }
        }
        if (devices != null) {
            for (String d : devices) {
                if (found.stream().noneMatch(i -> i.name().equals(d))) {
                    throw new IllegalArgumentException("--devices: '" + d + "' is not an available device (see ./shmt devices)");
                }
            }
        }
        String[] names = found.stream().map(DeviceInfo::name).toArray(String[]::new);
        found.forEach(d -> threads.put(d.name(), d.threads()));
        MeasuredCosts costs = new MeasuredCosts();
        List<String> measured = new ArrayList<>();
        for (BenchApp app : chosen) {
            int size = this.size == null ? app.defaultSize() : this.size;
            app.checkSize(size);
            int tile = app.defaultTile(size);
            measured.add(app.name() + " " + size + " (" + app.sizeUnit() + "), tile " + tile);
            BenchApp.Instance instance = app.prepare(size, seed);
            measure(app, instance, names, tile, size, costs);
            pw.printf(Locale.ROOT, "%s: measured on %s alone%s%n", app.name(), String.join(", ", names),
                    names.length > 1 ? " and together (ws)" : "");
            pw.flush();
        }
        String host = System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        Profile p = costs.profile("measured", "Measured by ./shmt profile on this machine (" + host + "): each device"
                + " alone on its own cores, as ./shmt bench runs it; per VOP the run time of its HLOPs over their cells,"
                + " per HLOP the time its calls spent beyond the HLOPs (hlop_us), and how much slower the HLOPs run"
                + " while the other devices run theirs (ws). Apps: " + String.join("; ", measured),
                List.of("./shmt profile, median of " + repeat + " runs per app and device after warm-up; devices: "
                        + found + (Double.isNaN(idleWatts) ? "" : "; power measured with this machine's energy meters:"
                        + " platform_idle_w over " + idleSeconds + " s idle, each device's active_w its runs' joules"
                        + " above idle over its busy time")), found, idleWatts);
        Files.writeString(out, p.toJson());
        for (DeviceModel m : p.devices()) {
            m.vops().forEach((vop, c) -> pw.printf(Locale.ROOT, "  %-6s %-20s %10.3f ns per cell, x%.2f while the others"
                    + " run%n", m.name(), vop, c.nsPerCell(), c.corunSlowdown()));
        }
        pw.printf(Locale.ROOT, "profile: %s%n", out);
        pw.flush();
        if (validate) {
            // Right away and in this process: the machine the profile measured is the one compared with.
            List<String> args = new ArrayList<>(List.of("bench"));
            chosen.forEach(a -> args.add(a.name()));
            args.addAll(List.of("--emulate", out.toString(), "--against-real", "--seed", Long.toString(seed),
                    "--devices", String.join(",", names)));
            if (size != null) {
                args.addAll(List.of("--size", size.toString()));
            }
            return spec.commandLine().getParent().execute(args.toArray(new String[0]));
        }
        return 0;
    }

    /**
     * Interleaved rounds over {@code runtimes} until every one's run time is steady (as the bench's
     * warm-up: the median of its last 3 runs within 3% of the 3 before), at least {@value #MIN_WARMUP}
     * rounds and no more once {@value #WARMUP_CAP_SECONDS} s have passed: the JIT compiles the kernels
     * over the first runs, which can take several times the steady time.
     */
    private static void warmUp(BenchApp.Instance instance, List<CallLog> runtimes) {
        List<List<Double>> times = new ArrayList<>();
        runtimes.forEach(r -> times.add(new ArrayList<>()));
        long start = System.nanoTime();
        for (int round = 0; ; round++) {
            boolean steady = true;
            for (int i = 0; i < runtimes.size(); i++) {
                long t0 = System.nanoTime();
                instance.run(runtimes.get(i));
                times.get(i).add((System.nanoTime() - t0) / 1e6);
                steady &= SteadyState.reached(times.get(i));
            }
            if (round + 1 >= MIN_WARMUP && (steady || System.nanoTime() - start > WARMUP_CAP_SECONDS * 1_000_000_000L)) {
                return;
            }
        }
    }

    /**
     * Measures {@code app} on each device alone ({@code single:<device>}) and, with more than one device,
     * all together under {@code ws}: per device and VOP, the median over rounds of its HLOPs' time per
     * cell alone, and how much slower they run together (shared memory bandwidth, caches), at least 1.
     * The runtimes take turns round by round, in a rotating order, after an interleaved warm-up as the
     * bench's: so the JIT has compiled the same code as when the bench times them, and a slow spell of a
     * shared machine falls on all of them.
     */
    private void measure(BenchApp app, BenchApp.Instance instance, String[] names, int tile, int size,
                         MeasuredCosts measured) {
        List<String> policies = new ArrayList<>();
        for (String n : names) {
            policies.add("single:" + n);
        }
        if (names.length > 1) {
            policies.add("ws");
        }
        List<CallLog> logs = new ArrayList<>();
        try {
            for (String policy : policies) {
                Shmt.Builder b = Shmt.builder().devices(names).policy(policy);
                if (!Double.isNaN(idleWatts)) {
                    b.energy(EnergySettings.ON);
                }
                app.hint(b, tile, size);
                logs.add(new CallLog(b.build()));
            }
            warmUp(instance, logs);
            List<List<List<Report>>> rounds = new ArrayList<>(); // per policy, per round, its reports
            logs.forEach(l -> rounds.add(new ArrayList<>()));
            for (int round = 0; round < repeat; round++) {
                for (int k = 0; k < logs.size(); k++) {
                    int i = (round + k) % logs.size();
                    CallLog log = logs.get(i);
                    log.entries.clear();
                    EnergyMeters.Window window = log.energy().enabled() ? log.energy().start() : null;
                    instance.run(log);
                    List<Report> reports = log.entries.stream().map(CallLog.Entry::report).toList();
                    rounds.get(i).add(reports);
                    if (window != null && i < names.length) {
                        Energy e = window.stop();
                        double busy = reports.stream().flatMap(r -> r.devices().stream())
                                .filter(d -> d.device().equals(names[i])).mapToDouble(d -> d.busyNanos() / 1e9 / d.threads()).sum();
                        measured.energy(names[i], e.totalJoules() - idleWatts * e.windowNanos() / 1e9, busy);
                    }
                }
            }
            for (int i = 0; i < names.length; i++) {
                measured.alone(names[i], threads.get(names[i]), rounds.get(i));
            }
            if (names.length > 1) {
                measured.together(rounds.get(names.length), threads);
            }
        } finally {
            logs.forEach(CallLog::close);
        }
    }
}
