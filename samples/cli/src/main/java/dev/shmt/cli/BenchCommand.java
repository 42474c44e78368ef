package dev.shmt.cli;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.PolicyName;
import dev.shmt.api.Shmt;
import dev.shmt.apps.Apps;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.Input;
import dev.shmt.apps.common.ImageInput;
import dev.shmt.bench.emulate.EmulationPlan;
import dev.shmt.bench.results.RowLabel;
import dev.shmt.bench.run.BenchPlan;
import dev.shmt.bench.run.BenchSession;
import dev.shmt.bench.run.EnergyPlan;
import dev.shmt.bench.run.Sweep;
import dev.shmt.npu.kernels.OutputScale;
import dev.shmt.runtime.affinity.CoreSets;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * {@code ./shmt bench}: the bundled benchmarks under each policy, with speed and quality side by
 * side. Every argument is checked before anything runs, and a bad one is a one-line error.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = BenchCommand.AppLines.class,
        description = {"Runs the bundled benchmarks (see APP) under each policy and prints, per app "
                + "and policy: median latency (min - max), speedup against the fastest single device, HLOP share "
                + "per device, steals, and quality against a double-precision reference (error_rate, MAPE, SSIM "
                + "for images, RMSE).",
                "Without options: every app at its default size, on every available device, with each device "
                        + "alone, ws and qaws-ts."})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    ShmtCommand shmt;

    /** The apps' lines are added from the apps themselves ({@link AppLines}). */
    @Parameters(arity = "0..*", paramLabel = "APP", description = "Apps to run (default: all, in this order):")
    List<String> apps = new ArrayList<>();

    @Option(names = "--size", paramLabel = "N", description = "Problem size (options for blackscholes, image or grid "
            + "side for the others); default per app.")
    Integer size;

    @Option(names = "--tile", paramLabel = "T", description = "Tile side (the image filters), rows per HLOP (fft), "
            + "options per HLOP (blackscholes) or pixels per HLOP (histogram); default per app.")
    Integer tile;

    @Option(names = "--policy", split = ",", paramLabel = "P", completionCandidates = KnownPolicies.class,
            description = "Policies, comma-separated: ${COMPLETION-CANDIDATES} (the built-in ones, then those of any "
            + "PolicyProvider on the class path). Default: single:<device> for each device, ws, qaws-ts, adaptive. "
            + "Single-device baselines are added when none is named, for the speedup.")
    List<String> policies;

    @Option(names = "--objective", paramLabel = "O", defaultValue = "time", description = "What the adaptive policy"
            + " learns to minimise: time, energy or edp (the last two need --energy and a working meter, or an"
            + " emulated profile's power figures). Default: ${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "The adaptive policy's"
            + " exploration budget: what it may spend trying configurations, as a share of what the best known one"
            + " takes (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--fresh", description = "The adaptive policy starts from nothing, ignoring what earlier runs on"
            + " this machine learned (it still keeps what this run learns).")
    boolean fresh;

    @Option(names = "--critical-fraction", split = ",", paramLabel = "K", description = "K, the fraction of HLOPs "
            + "kept off the approximate device, for the qaws, oracle and random policies; several values give one "
            + "row each (qaws-ts@0.1, ...), as for a curve of error against the approximate share. Default: the "
            + "runtime's.")
    List<Double> criticalFractions;

    @Option(names = "--devices", split = ",", paramLabel = "D", description = "Devices to use, comma-separated "
            + "(see ./shmt devices); default: every available one.")
    List<String> devices;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "10", description = "Timed rounds; each runs every "
            + "policy once, in an order that rotates from round to round (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "6", description = "Interleaved warm-up rounds before "
            + "timing: at least W, then on until every policy is steady (the median of its last 3 rounds within 3%% of"
            + " the 3 before) or the cap has passed (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-cap", paramLabel = "SECONDS", defaultValue = "20", description = "Longest warm-up per app "
            + "past the W rounds; a policy not steady by then is timed and marked ~ (default ${DEFAULT-VALUE}).")
    double warmupCap;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated inputs (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--input", paramLabel = "FILE|DIR|photos", description = "What the apps that take an image run on"
            + " instead of their generated inputs (the default, from --seed). FILE: a PNG or JPEG, centre-cropped to"
            + " N x N, mirrored to fill where smaller. DIR: its .png, .jpg and .jpeg files sorted by name, as a mosaic"
            + " of k x k cells (k = ceil(sqrt(files)), files repeated with another crop to fill them), each cropped or"
            + " mirrored to its cell. photos: 14 photographs bundled with the apps (scikit-image's sample images,"
            + " public domain or CC0; ./photos for a directory of that name), as such a mosaic. Colour becomes grey"
            + " (BT.601 luma, 0 to 255). Without APP, runs the apps that take an image; naming one that does not is"
            + " refused.")
    String input;

    @Option(names = "--cpu-threads", paramLabel = "N", description = "Worker threads of the cpu device (default: one "
            + "per core of its core set).")
    Integer cpuThreads;

    @Option(names = "--cpu-sets", paramLabel = "SETS", description = "Host cores per device, e.g. cpu:0-2,npu:3; none "
            + "pins nothing; default SHMT_CPU_SETS, else auto: every device that computes on host cores gets its own"
            + " share (on 2 cores: cpu on core 0, a TFLite-CPU npu on core 1). Every policy runs on the same sets.")
    String cpuSets;

    @Option(names = "--emulate", paramLabel = "PROFILE", description = "Run on emulated hardware: a shipped profile "
            + "(jetson-nano-edgetpu, jetson-orin-nano-edgetpu) or a profile's JSON file (./shmt profile writes one). The"
            + " real scheduler runs the profile's devices; each computes real results (fp32 with the CPU body, int8 with"
            + " the NPU kernels), only time is modelled. Tables and JSON say EMULATED. 'here': this machine's devices,"
            + " measured in this run on the real devices, then emulated and compared with those runs policy by policy.")
    String emulate;

    @Option(names = "--dilation", paramLabel = "D", description = "With --emulate: stretch every modelled time by D"
            + " (>= 1) so the devices' real computing fits this machine's cores; times are divided by it. Default: "
            + "chosen per app from a calibration run.")
    Double dilation;

    @Option(names = "--against-real", description = "With --emulate of a profile of this machine (./shmt profile):"
            + " run every policy on the real devices too, in the same interleaved rounds, and print per policy the"
            + " emulated time over the real one, per round, and the HLOP shares side by side.")
    boolean againstReal;

    @Option(names = "--sweep", paramLabel = "DEVICE=LO..HI", description = "With --emulate: run again with DEVICE's"
            + " speed scaled by factors from LO to HI (log-spaced, --sweep-points of them) and print, and with --plot"
            + " draw, each policy's speedup and efficiency against the factor, with the ideal.")
    String sweep;

    @Option(names = "--sweep-points", paramLabel = "N", defaultValue = "7", description = "Factors in a sweep "
            + "(default ${DEFAULT-VALUE}).")
    int sweepPoints;

    @Option(names = "--energy", negatable = true, description = "Measure each timed run's energy with every meter "
            + "found (./shmt devices lists them; emulated profiles model it): joules per run, mean power, EDP, and "
            + "energy against the fastest single device and the GPU alone. Default: on where a meter works.")
    Boolean energy;

    @Option(names = "--idle-seconds", paramLabel = "S", defaultValue = "3", description = "With energy: seconds of "
            + "idle power measured before the first round, for energy above idle; 0 for none (default ${DEFAULT-VALUE}).")
    double idleSeconds;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the results as JSON.")
    Path report;

    @Option(names = "--trace", paramLabel = "FILE.json", description = "Write every timed run's HLOPs as Chrome "
            + "trace-event JSON (opens in Perfetto).")
    Path trace;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write a PNG of speedup and quality per app and policy.")
    Path plot;

    @Option(names = "--npu-output-scale", paramLabel = "S", description = "How the npu's stencil kernels scale each"
            + " HLOP's int8 output: p<percentile> (the default, p99.9: the finest of a ladder of output scales, each"
            + " 1/sqrt(2) of the one before, that holds that percentile of the HLOP's outputs; the rest saturate and are"
            + " counted), worst (the whole reach of the HLOP's inputs: nothing saturates) or off (no per-HLOP"
            + " scaling). The same as -Dshmt.npu.outputScale.")
    String npuOutputScale;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        atLeast("--repeat", repeat, 1);
        atLeast("--warmup", warmup, 0);
        if (!(warmupCap >= 0) || Double.isInfinite(warmupCap)) {
            throw new IllegalArgumentException("--warmup-cap must be a number of seconds >= 0, got " + warmupCap);
        }
        if (cpuThreads != null) {
            atLeast("--cpu-threads", cpuThreads, 1);
        }
        if (npuOutputScale != null) {
            try {
                OutputScale.parse(npuOutputScale);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--npu-output-scale: " + e.getMessage());
            }
            System.setProperty(OutputScale.PROPERTY, npuOutputScale);
        }
        Input source = input == null ? Input.generated() : Input.of(input);
        List<BenchPlan.AppRun> runs = appRuns(source);
        ImageInput.describe(source, seed); // reads every file's header: one that is no image is refused now
        writable("--report", report);
        writable("--trace", trace);
        writable("--plot", plot);

        List<DeviceInfo> found;
        if (cpuSets != null) {
            CoreSets.parse(cpuSets, "--cpu-sets"); // a malformed set is refused before anything is built
        }
        EmulationPlan emulation = null;
        if (dilation != null && (!(dilation >= 1) || dilation.isInfinite())) {
            throw new IllegalArgumentException("--dilation must be a number >= 1, got " + dilation);
        }
        if (EmulationPlan.HERE.equals(emulate)) {
            if (sweep != null) {
                throw new IllegalArgumentException("--sweep needs a profile to scale; --emulate here measures one per app");
            }
            emulation = EmulationPlan.here(dilation == null ? Double.NaN : dilation);
        } else if (emulate != null) {
            emulation = EmulationPlan.of(emulate, dilation == null ? Double.NaN : dilation);
            if (againstReal) {
                emulation = emulation.alsoOnRealDevices();
            }
        } else if (dilation != null || sweep != null || againstReal) {
            throw new IllegalArgumentException((sweep != null ? "--sweep" : dilation != null ? "--dilation"
                    : "--against-real") + " needs --emulate PROFILE");
        }
        if (againstReal && sweep != null) {
            throw new IllegalArgumentException("--against-real compares one emulation with this machine; not with --sweep");
        }
        EnergyPlan energyPlan;
        try (Shmt rt = withSettings(Shmt.builder()).energy(EnergySettings.ON).build()) {
            found = rt.devices();
            energyPlan = energyPlan(rt.energy());
        }
        List<String> chosen = chosenDevices(found);
        if (devices != null) {
            // The listing's cores are those of a runtime over every device; the bench's runtimes hold only
            // the chosen ones, whose default sets may differ.
            try (Shmt rt = withSettings(Shmt.builder().devices(chosen.toArray(new String[0]))).build()) {
                found = merge(found, rt.devices());
            }
        }
        AdaptiveSettings learning = adaptiveSettings();
        List<String> policyList = chosenPolicies(chosen);
        if (learning.objective() != AdaptiveSettings.Objective.TIME && !energyPlan.on()
                && policyList.stream().anyMatch(p -> RowLabel.basePolicy(p).equals("adaptive"))) {
            throw new IllegalArgumentException("--objective " + learning.objective().code() + " needs energy measured,"
                    + " and it is not: " + energyPlan.why());
        }
        BenchPlan plan = new BenchPlan(runs, chosen, policyList, warmup, warmupCap, repeat, seed, source,
                cpuThreads == null ? 0 : cpuThreads, cpuSets, emulation, energyPlan, learning);
        BenchSession session = new BenchSession(plan, found, shmt.out(), shmt.err(), !noProgress);
        if (sweep != null) {
            if (report != null || trace != null) {
                throw new IllegalArgumentException("--sweep writes its tables and --plot; --report and --trace are "
                        + "for one run");
            }
            return session.sweep(new Sweep(plan, sweep, sweepPoints), plot);
        }
        return session.run(report, trace, plot);
    }

    /** How the adaptive policy learns: --objective, --alpha and --fresh, checked with their names. */
    private AdaptiveSettings adaptiveSettings() {
        try {
            return AdaptiveSettings.DEFAULTS.withObjective(AdaptiveSettings.Objective.parse(objective))
                    .withAlpha(alpha).fresh(fresh || AdaptiveSettings.DEFAULTS.fresh());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
    }

    /** On where a meter works unless --no-energy; --energy with no working meter says why and goes on. */
    private EnergyPlan energyPlan(EnergyMeters meters) {
        new EnergyPlan(false, idleSeconds, null); // refuses a bad --idle-seconds whatever is decided
        if (Boolean.FALSE.equals(energy)) {
            return EnergyPlan.off("--no-energy");
        }
        if (meters.meters().stream().noneMatch(EnergyMeters.Meter::available)) {
            return EnergyPlan.off(meters.unavailable());
        }
        return new EnergyPlan(true, idleSeconds, null);
    }

    private Shmt.Builder withSettings(Shmt.Builder b) {
        if (emulate != null && !EmulationPlan.HERE.equals(emulate)) {
            b.emulate(emulate, 1);
        }
        if (cpuThreads != null) {
            b.cpuThreads(cpuThreads);
        }
        if (cpuSets != null) {
            b.cpuSets(cpuSets); // checked with its option's name in call()
        }
        return b;
    }

    /** {@code all} with the chosen devices' entries (their cores) taken from {@code chosen}. */
    private static List<DeviceInfo> merge(List<DeviceInfo> all, List<DeviceInfo> chosen) {
        List<DeviceInfo> out = new ArrayList<>();
        for (DeviceInfo d : all) {
            out.add(chosen.stream().filter(c -> c.name().equals(d.name())).findFirst().orElse(d));
        }
        return out;
    }

    private List<BenchPlan.AppRun> appRuns(Input source) {
        List<BenchApp> chosen = apps.isEmpty() ? Apps.all()
                : new LinkedHashSet<>(apps).stream().map(Apps::named).collect(Collectors.toList());
        if (!source.isGenerated()) {
            chosen = imageApps(chosen, source);
        }
        List<BenchPlan.AppRun> runs = new ArrayList<>();
        for (BenchApp a : chosen) {
            int s = size == null ? a.defaultSize() : size;
            int t = tile == null ? a.defaultTile(s) : tile;
            atLeast("--size", s, 1);
            atLeast("--tile", t, 1);
            try {
                a.checkSize(s);
                a.hint(Shmt.builder(), t, s);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                throw new IllegalArgumentException(m.startsWith(a.name() + ":") ? m : a.name() + ": " + m, e);
            }
            runs.add(new BenchPlan.AppRun(a, s, t));
        }
        return runs;
    }

    /**
     * With --input: the apps that take an image, when none was named; a named app that takes none is
     * refused, with the reason and the apps that do.
     */
    private List<BenchApp> imageApps(List<BenchApp> chosen, Input source) {
        List<String> takers = Apps.all().stream().filter(BenchApp::takesImageInput).map(BenchApp::name).toList();
        if (!apps.isEmpty()) {
            for (BenchApp a : chosen) {
                if (!a.takesImageInput()) {
                    throw new IllegalArgumentException("--input " + source + ": " + a.name() + " takes no image input (its"
                            + " input, " + a.sizeUnit() + ", is generated from --seed); the apps that take one are "
                            + String.join(", ", takers));
                }
            }
            return chosen;
        }
        List<BenchApp> images = chosen.stream().filter(BenchApp::takesImageInput).toList();
        if (images.isEmpty()) {
            throw new IllegalArgumentException("--input " + source + ": none of the apps takes an image input");
        }
        return images;
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
        List<String> singles = chosenDevices.stream().map(d -> PolicyName.single(d).toString()).toList();
        if (policies == null) {
            List<String> all = new ArrayList<>(singles);
            all.add("ws");
            all.add("qaws-ts");
            all.add("adaptive");
            return withK(all);
        }
        List<String> named = new ArrayList<>(new LinkedHashSet<>(policies.stream().map(String::strip).toList()));
        for (String p : named) {
            PolicyName name = PolicyName.parse(p);
            if (name.isSingle() && !chosenDevices.contains(name.device())) {
                throw new IllegalArgumentException("--policy " + p + " names a device that is not among the devices "
                        + "used (" + String.join(", ", chosenDevices) + ")");
            }
        }
        if (named.stream().noneMatch(p -> PolicyName.parse(p).isSingle())) {
            List<String> withBaselines = new ArrayList<>(singles);
            withBaselines.addAll(named);
            return withK(withBaselines);
        }
        return withK(named);
    }

    /** Each qaws and oracle policy once per --critical-fraction value, as {@code policy@K}. */
    private List<String> withK(List<String> names) {
        if (criticalFractions == null || criticalFractions.isEmpty()) {
            return names;
        }
        for (double k : criticalFractions) {
            if (!(k >= 0 && k <= 1)) {
                throw new IllegalArgumentException("--critical-fraction must be in [0, 1] (the fraction of HLOPs kept "
                        + "off the approximate device), got " + k);
            }
        }
        if (names.stream().noneMatch(BenchCommand::takesK)) {
            throw new IllegalArgumentException("--critical-fraction applies to the qaws-*, oracle and random policies, but "
                    + "none is among " + String.join(", ", names));
        }
        List<String> out = new ArrayList<>();
        for (String p : names) {
            if (takesK(p)) {
                for (double k : new LinkedHashSet<>(criticalFractions)) {
                    out.add(p + "@" + BigDecimal.valueOf(k).stripTrailingZeros().toPlainString());
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean takesK(String policy) {
        return policy.startsWith("qaws-") || policy.equals("oracle") || policy.equals("random");
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

    /**
     * Lists each app under APP as "name: description", in the order {@link Apps#all} runs them: the help
     * comes from the apps on the class path, so an app added in its own package shows up without an edit here.
     */
    static final class AppLines implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            PositionalParamSpec app = spec.positionalParameters().get(0);
            List<String> lines = new ArrayList<>(List.of(app.description()));
            try {
                for (BenchApp a : Apps.all()) {
                    lines.add(a.name() + ": " + a.description());
                }
            } catch (IllegalStateException e) {
                // Built for every subcommand: the others must still run, and bench says it again when run.
                lines.add(e.getMessage());
            }
            spec.remove(app);
            spec.addPositional(PositionalParamSpec.builder(app).description(lines.toArray(String[]::new)).build());
            return spec;
        }
    }
}
