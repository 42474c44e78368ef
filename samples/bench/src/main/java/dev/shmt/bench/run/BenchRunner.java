package dev.shmt.bench.run;

import dev.shmt.api.Cores;
import dev.shmt.api.DeviceInfo;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.IdlePower;
import dev.shmt.api.PolicyName;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.common.ImageInput;
import dev.shmt.bench.emulate.Dilation;
import dev.shmt.bench.emulate.EmulationPlan;
import dev.shmt.bench.emulate.HereProfile;
import dev.shmt.bench.emulate.MeasuredCosts;
import dev.shmt.bench.emulate.Overruns;
import dev.shmt.bench.emulate.Validation;
import dev.shmt.bench.format.ResultFormat;
import dev.shmt.bench.results.AppResults;
import dev.shmt.bench.results.RowLabel;
import dev.shmt.bench.results.RunResult;
import dev.shmt.runtime.affinity.CoreList;
import dev.shmt.runtime.trace.ChromeTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link BenchPlan} so that its figures do not depend on the order things are measured in. Per
 * app: prepares the input and reference once and builds every policy's runtime; warms all policies in
 * interleaved rounds until each one's time is steady ({@link dev.shmt.bench.results.SteadyState}) or the
 * cap is reached; then times {@code repeat} rounds, each running every policy once in an order that
 * rotates from round to round; then runs each policy once more for its HLOP share and quality, and
 * measures how well each chose HLOPs for the approximate device ({@link SelectionEval}). Speedup and
 * co-execution efficiency are taken per round, against that round's single-device times ({@link Rows}).
 * A policy whose runs fail gets a row with the error and the others go on. Each app's rows go to the
 * output formats as soon as the app is done.
 */
public final class BenchRunner {
    private final BenchPlan plan;
    private final Progress progress;
    private final ChromeTrace trace;
    /** The current app's emulation, with its dilation; null on this machine's devices. */
    private RunResult.Emulated emulated;
    /** The current app's emulation plan: the plan's, or for {@code --emulate here} the profile just measured. */
    private EmulationPlan emulation;
    /** The idle baseline, measured before the first app's rounds; null until then, or without energy. */
    private IdlePower idle;
    /** The sampling threads' CPU time over every runtime closed so far, and those runtimes' lifetimes. */
    private long samplerCpuNanos;
    private long energyLifeNanos;

    /** @param trace collects every timed run's calls, or null */
    BenchRunner(BenchPlan plan, Progress progress, ChromeTrace trace) {
        this.plan = plan;
        this.progress = progress;
        this.trace = trace;
    }

    /** Runs every app of the plan, handing each one's results to {@code formats} as soon as it is done. */
    public List<RunResult> run(List<ResultFormat> formats) {
        List<RunResult> all = new ArrayList<>();
        String input = ImageInput.describe(plan.input(), plan.seed());
        for (BenchPlan.AppRun a : plan.apps()) {
            progress.show("preparing " + a.app().name() + " (input, reference, models)");
            BenchApp.Instance instance = a.app().prepare(a.size(), plan.seed(), plan.input());
            progress.step(a.app().name());
            List<PolicyRun> runs = new ArrayList<>(); // one row each: the policies, then a library if any
            List<PolicyRun> measured = new ArrayList<>(); // the rows, and the bare CPU kernel if any
            List<PolicyRun> real = new ArrayList<>(); // with --against-real, the policies on this machine's devices
            PolicyRun bare = null;
            SelectionEval selection = null;
            emulated = null;
            try {
                emulation = plan.emulation();
                if (emulation != null && emulation.measuredHere()) {
                    emulation = measureHere(a, instance, real);
                }
                if (emulation != null && Double.isNaN(emulation.dilation())) {
                    progress.show("calibrating " + a.app().name() + " for " + emulation.label());
                    Dilation.Choice d = Dilation.choose(emulation, plan.devices(), b -> settings(a, b), instance);
                    // Emulating this machine, every device's real computing is as long as its modelled time:
                    // twice the usual room, so that a slow spell of a shared machine does not make HLOPs overrun.
                    double dilation = plan.emulation().measuredHere() ? 2 * d.dilation() : d.dilation();
                    emulated = new RunResult.Emulated(emulation.label(), dilation, d.load(), null);
                } else if (emulation != null) {
                    emulated = new RunResult.Emulated(emulation.label(), emulation.dilation(), Map.of(), null);
                }
                if (emulation != null && plan.emulation().measuredHere()) {
                    emulation = HereProfile.withoutDilatedGaps(emulation, emulated.dilation());
                }
                for (String policy : plan.policies()) {
                    Shmt.Builder b = build(a, policy);
                    ChromeTrace.Recorder recorder = null;
                    if (trace != null) {
                        recorder = trace.recorder(a.app().name() + " " + policy).pause();
                        b.observer(recorder);
                    }
                    runs.add(PolicyRun.policy(a, policy, b, recorder, dilation()));
                }
                PolicyRun cpu = runs.stream().filter(r -> r.policy.equals(PolicyName.single("cpu").toString()) && r.error == null).findFirst()
                        .orElse(null);
                if (cpu != null && emulated == null) { // the bare kernel and libraries run on this machine only
                    BitSet pin = cpuCores(cpu);
                    BenchApp.Library lib = instance.library();
                    if (lib != null) {
                        runs.add(PolicyRun.library(a, lib, pin, cpu.cores));
                    }
                    bare = PolicyRun.bare(a, cpu.rt, pin);
                }
                measured.addAll(runs);
                if (bare != null) {
                    measured.add(bare);
                }
                if (emulated != null && emulation.againstReal() && real.isEmpty()) {
                    real.addAll(realRuns(a));
                    measured.addAll(real);
                }
                if (bare != null && cpu.meters != null) {
                    bare.meters = cpu.meters; // the bare kernel and the library run on the cpu device's cores
                    runs.stream().filter(PolicyRun::library).forEach(r -> r.meters = cpu.meters);
                }
                measureIdle(runs);
                warmUp(a, instance, measured);
                timeRounds(instance, measured);
                for (PolicyRun r : runs) {
                    progress.show(r.label + " quality");
                    instance.clearOutput();
                    r.last(instance);
                    progress.step(r.label);
                }
                selection = SelectionEval.measure(instance, runs, p -> build(a, p), progress);
                if (emulated != null) {
                    emulated = new RunResult.Emulated(emulated.profile(), emulated.dilation(), emulated.load(),
                            Overruns.of(runs.stream().map(r -> r.last).toList()));
                }
            } finally {
                for (PolicyRun r : runs) {
                    if (r.rt != null && r.rt.energy().enabled()) {
                        samplerCpuNanos += r.rt.energy().samplerCpuNanos();
                        energyLifeNanos += System.nanoTime() - r.builtAt;
                    }
                }
                runs.forEach(PolicyRun::close);
                real.forEach(PolicyRun::close);
            }
            List<RunResult> rows = Rows.of(plan, a, runs, bare, selection, emulated, idle);
            if (!real.isEmpty()) {
                for (int i = 0; i < rows.size(); i++) {
                    RunResult.Emulated e = rows.get(i).emulated() != null ? rows.get(i).emulated() : emulated;
                    rows.set(i, rows.get(i).withEmulated(new RunResult.Emulated(e.profile(), e.dilation(), e.load(),
                            e.overruns(), Validation.compare(side(runs.get(i)), side(real.get(i)), plan.seed() + 7L * i))));
                }
            }
            progress.clear();
            AppResults done = new AppResults(a.app().name(), a.size(), a.app().sizeUnit(), a.tile(), input,
                    plan.devices(), plan.repeat(), plan.warmupCapSeconds(), rows, selection.missing(), idle);
            formats.forEach(f -> f.appDone(done));
            all.addAll(rows);
        }
        progress.clear();
        return all;
    }

    /**
     * {@code --emulate here}: runs every policy on this machine's devices (warm-up, then the timed rounds,
     * into {@code real}), and returns the profile their single-device and {@code ws} runs measured, as a
     * file the emulated runtimes read. The validation compares the emulation with these very runs.
     */
    private EmulationPlan measureHere(BenchPlan.AppRun a, BenchApp.Instance instance, List<PolicyRun> real) {
        real.addAll(realRuns(a));
        warmUp(a, instance, real);
        timeRounds(instance, real);
        MeasuredCosts costs = new MeasuredCosts();
        PolicyRun ws = null;
        List<DeviceInfo> devices = new ArrayList<>();
        for (PolicyRun r : real) {
            if (r.error != null) {
                throw new IllegalStateException("--emulate here: " + r.policy + " failed on this machine: " + r.error);
            }
            if (r.single()) {
                String d = r.name.device();
                r.rt.devices().stream().filter(i -> i.name().equals(d)).forEach(devices::add);
                costs.alone(d, devices.get(devices.size() - 1).threads(), r.timedReports);
            } else if (r.policy.equals("ws")) {
                ws = r;
            }
        }
        if (ws != null) {
            Map<String, Integer> workers = new LinkedHashMap<>();
            devices.forEach(d -> workers.put(d.name(), d.threads()));
            costs.together(ws.timedReports, workers);
        }
        return HereProfile.of(a.app().name(), costs, devices, plan.emulation().dilation());
    }

    /**
     * The idle baseline, once, before the first rounds: idle power over {@code plan.energy().idleSeconds()}
     * with nothing running, on the first runtime's meters (every runtime reads the same ones).
     */
    private void measureIdle(List<PolicyRun> runs) {
        if (idle != null || !plan.energy().on() || plan.energy().idleSeconds() == 0) {
            return;
        }
        PolicyRun first = runs.stream().filter(r -> r.meters != null).findFirst().orElse(null);
        if (first != null && first.meters.meters().stream().anyMatch(EnergyMeters.Meter::available)) {
            progress.show("measuring idle power for " + plan.energy().idleSeconds() + " s (models need no wait)");
            idle = first.meters.measureIdle(Duration.ofMillis(Math.round(plan.energy().idleSeconds() * 1000)));
        }
    }

    /**
     * The sampling threads' CPU time over the lifetime of the runtimes that had them: what measuring energy
     * cost, as a fraction of one core; NaN when no runtime measured energy.
     */
    public double samplerCoreShare() {
        return energyLifeNanos == 0 ? Double.NaN : (double) samplerCpuNanos / energyLifeNanos;
    }

    /** Every policy on this machine's devices, for {@code --against-real} and {@code --emulate here}. */
    private List<PolicyRun> realRuns(BenchPlan.AppRun a) {
        List<PolicyRun> real = new ArrayList<>();
        for (String policy : plan.policies()) {
            PolicyRun r = PolicyRun.policy(a, policy, build(a, policy, false), null, 1);
            r.label += " (real)";
            real.add(r);
        }
        return real;
    }

    /** The timed rounds: each runs every one of {@code runs} once, in an order rotating round by round. */
    private void timeRounds(BenchApp.Instance instance, List<PolicyRun> runs) {
        for (int round = 0; round < plan.repeat(); round++) {
            for (int k = 0; k < runs.size(); k++) {
                PolicyRun r = runs.get((round + k) % runs.size());
                progress.show(r.label + " round " + (round + 1));
                r.timed(instance);
                progress.step(r.label);
            }
        }
    }

    /** The cpu device's cores where it is pinned, for the sides that run on the calling thread; else null. */
    private static BitSet cpuCores(PolicyRun singleCpu) {
        Cores c = singleCpu.cores.get("cpu");
        return c != null && c.pinned() ? CoreList.parse(c.list(), "cpu") : null;
    }

    /** The runtime of {@code label}: a policy name, with {@code @K} for a critical fraction of its own. */
    private Shmt.Builder build(BenchPlan.AppRun a, String label) {
        return build(a, label, true);
    }

    /** @param emulate whether to build the emulated devices (when emulating), or this machine's */
    private Shmt.Builder build(BenchPlan.AppRun a, String label, boolean emulate) {
        // Every policy's runtime has all the plan's devices on the same cores, so a single-device row is
        // measured on the very processors the co-execution rows use.
        String policy = RowLabel.basePolicy(label);
        Shmt.Builder b = Shmt.builder().devices(plan.devices().toArray(new String[0])).policy(policy)
                .adaptive(plan.adaptive());
        if (plan.energy().on()) {
            b.energy(EnergySettings.ON);
        }
        if (emulated != null && emulate) {
            b.emulate(emulation.source(), emulated.dilation());
        }
        if (!policy.equals(label)) {
            b.criticalFraction(Double.parseDouble(label.substring(policy.length() + 1)));
        }
        if (plan.cpuThreads() > 0) {
            b.cpuThreads(plan.cpuThreads());
        }
        settings(a, b);
        if (progress.enabled()) {
            b.observer(progress); // HLOPs done, live, on the bar
        }
        return b;
    }

    /** What every runtime of the app gets, calibration runs included: the plan's core sets and the app's hints. */
    private Shmt.Builder settings(BenchPlan.AppRun a, Shmt.Builder b) {
        if (plan.cpuSets() != null) {
            b.cpuSets(plan.cpuSets());
        }
        a.app().hint(b, a.tile(), a.size());
        return b;
    }

    /**
     * Runs on a policy that learns ({@code adaptive}) alone, once the interleaved warm-up is over, until its
     * learning settles or another warm-up cap has passed: it learns from whole calls, which takes more calls
     * than the JIT takes to compile. Its regret counts these runs too.
     */
    private void learn(BenchApp.Instance instance, List<PolicyRun> runs) {
        long start = System.nanoTime();
        long cap = (long) (plan.warmupCapSeconds() * 1e9);
        List<PolicyRun> learning = runs.stream().filter(r -> r.error == null && !r.settled && !r.choices.isEmpty())
                .toList();
        while (!learning.isEmpty() && System.nanoTime() - start < cap) {
            for (PolicyRun r : learning) {
                progress.show(r.label + " learning, run " + (r.warm.size() + 1));
                r.warm(instance);
            }
            learning = learning.stream().filter(r -> r.error == null && !r.settled).toList();
        }
    }

    /** A policy's timed rounds, as the validation against the real devices compares them. */
    private static Validation.Side side(PolicyRun r) {
        return new Validation.Side(r.error, r.timed, r.timedHlops);
    }

    /**
     * Interleaved rounds until every policy is steady, at least {@code plan.warmup()} of them, and no more
     * once the cap has passed: the JIT keeps compiling long after start-up, and no policy may be timed
     * with another's compiled code while its own is still cold.
     */
    private void warmUp(BenchPlan.AppRun a, BenchApp.Instance instance, List<PolicyRun> runs) {
        if (plan.warmup() == 0) {
            return;
        }
        long start = System.nanoTime();
        long cap = (long) (plan.warmupCapSeconds() * 1e9);
        for (int round = 0; ; round++) {
            boolean enough = round >= plan.warmup();
            if (enough && (runs.stream().allMatch(r -> r.settled || r.error != null) || System.nanoTime() - start >= cap)) {
                learn(instance, runs);
                return;
            }
            for (int k = 0; k < runs.size(); k++) {
                PolicyRun r = runs.get((round + k) % runs.size());
                progress.show(r.label + " warm-up " + (round + 1));
                r.warm(instance);
                if (!enough) {
                    progress.step(r.label);
                }
            }
        }
    }

    /** The dilation the current app's runtimes run at; 1 on this machine's devices. */
    private double dilation() {
        return emulated == null ? 1 : emulated.dilation();
    }
}
