package dev.shmt.samples.cli;

import dev.shmt.api.DeviceInfo;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.policy.Policies;
import dev.shmt.samples.apps.Apps;
import dev.shmt.samples.apps.BenchApp;
import dev.shmt.samples.cli.bench.BenchPlan;
import dev.shmt.samples.cli.bench.BenchSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./shmt bench}: the bundled benchmarks under each policy, with speed and quality side by
 * side. Every argument is checked before anything runs, and a bad one is a one-line error.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the bundled benchmarks (blackscholes, sobel, fft) under each policy and prints, per app "
                + "and policy: median latency (min - max), speedup against the fastest single device, HLOP share "
                + "per device, steals, and quality against a double-precision reference (error_rate, MAPE, SSIM "
                + "for images, RMSE).",
                "Without options: every app at its default size, on every available device, with each device "
                        + "alone, ws and qaws-ts."})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    ShmtCommand shmt;

    @Parameters(arity = "0..*", paramLabel = "APP", description = "Apps to run (default: all): blackscholes, sobel, fft.")
    List<String> apps = new ArrayList<>();

    @Option(names = "--size", paramLabel = "N", description = "Problem size (options for blackscholes, image side "
            + "for sobel and fft); default per app.")
    Integer size;

    @Option(names = "--tile", paramLabel = "T", description = "Tile side (sobel), rows per HLOP (fft) or options "
            + "per HLOP (blackscholes); default per app.")
    Integer tile;

    @Option(names = "--policy", split = ",", paramLabel = "P", description = "Policies, comma-separated: "
            + Policies.NAMES + ". Default: single:<device> for each device, ws, qaws-ts. Single-device baselines "
            + "are added when none is named, for the speedup.")
    List<String> policies;

    @Option(names = "--devices", split = ",", paramLabel = "D", description = "Devices to use, comma-separated "
            + "(see ./shmt devices); default: every available one.")
    List<String> devices;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3", description = "Timed runs per policy (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "3", description = "Untimed runs first, per policy: "
            + "at least W, and (when W > 0) on for at least a second, so the JIT has compiled the kernels before the "
            + "first timed run (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated inputs (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cpu-threads", paramLabel = "N", description = "Worker threads of the cpu device (default: all cores).")
    Integer cpuThreads;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the results as JSON.")
    Path report;

    @Option(names = "--trace", paramLabel = "FILE.json", description = "Write every timed run's HLOPs as Chrome "
            + "trace-event JSON (opens in Perfetto).")
    Path trace;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write a PNG of speedup and quality per app and policy.")
    Path plot;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        atLeast("--repeat", repeat, 1);
        atLeast("--warmup", warmup, 0);
        int threads = cpuThreads == null ? Runtime.getRuntime().availableProcessors() : cpuThreads;
        atLeast("--cpu-threads", threads, 1);
        List<BenchPlan.AppRun> runs = appRuns();
        writable("--report", report);
        writable("--trace", trace);
        writable("--plot", plot);

        List<DeviceInfo> found;
        try (ShmtRuntime rt = ShmtRuntime.builder().cpuThreads(threads).build()) {
            found = rt.devices();
        }
        List<String> chosen = chosenDevices(found);
        BenchPlan plan = new BenchPlan(runs, chosen, chosenPolicies(chosen), warmup, repeat, seed, threads);
        return new BenchSession(plan, found, shmt.out(), shmt.err(), !noProgress).run(report, trace, plot);
    }

    private List<BenchPlan.AppRun> appRuns() {
        List<BenchApp> chosen = apps.isEmpty() ? Apps.all()
                : new LinkedHashSet<>(apps).stream().map(Apps::named).collect(Collectors.toList());
        List<BenchPlan.AppRun> runs = new ArrayList<>();
        for (BenchApp a : chosen) {
            int s = size == null ? a.defaultSize() : size;
            int t = tile == null ? a.defaultTile(s) : tile;
            atLeast("--size", s, 1);
            atLeast("--tile", t, 1);
            try {
                a.checkSize(s);
                a.hint(ShmtRuntime.builder(), t, s);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                throw new IllegalArgumentException(m.startsWith(a.name() + ":") ? m : a.name() + ": " + m, e);
            }
            runs.add(new BenchPlan.AppRun(a, s, t));
        }
        return runs;
    }

    private List<String> chosenDevices(List<DeviceInfo> found) {
        List<String> names = found.stream().map(DeviceInfo::name).toList();
        if (devices == null) {
            List<String> available = found.stream().filter(DeviceInfo::available).map(DeviceInfo::name).toList();
            if (available.isEmpty()) {
                throw new IllegalArgumentException("no device is available; see ./shmt devices");
            }
            return available;
        }
        List<String> chosen = new ArrayList<>(new LinkedHashSet<>(devices));
        for (String d : chosen) {
            DeviceInfo info = found.stream().filter(i -> i.name().equals(d)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("--devices: unknown device '" + d + "'; this machine has "
                            + String.join(", ", names)));
            if (!info.available()) {
                throw new IllegalArgumentException("--devices: device '" + d + "' is not available: " + info.cause());
            }
        }
        return chosen;
    }

    private List<String> chosenPolicies(List<String> chosenDevices) {
        List<String> singles = chosenDevices.stream().map(d -> "single:" + d).toList();
        if (policies == null) {
            List<String> all = new ArrayList<>(singles);
            all.add("ws");
            all.add("qaws-ts");
            return all;
        }
        List<String> named = new ArrayList<>(new LinkedHashSet<>(policies.stream().map(String::strip).toList()));
        for (String p : named) {
            Policies.byName(p);
            if (p.startsWith("single:") && !chosenDevices.contains(p.substring("single:".length()))) {
                throw new IllegalArgumentException("--policy " + p + " names a device that is not among the devices "
                        + "used (" + String.join(", ", chosenDevices) + ")");
            }
        }
        if (named.stream().noneMatch(p -> p.startsWith("single:"))) {
            List<String> withBaselines = new ArrayList<>(singles);
            withBaselines.addAll(named);
            return withBaselines;
        }
        return named;
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }

    /** Refuses an output path that cannot be written, before hours of benchmarking. */
    private static void writable(String option, Path file) {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; give a file name");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new IllegalArgumentException(option + " " + file + " cannot be written");
        }
    }
}
