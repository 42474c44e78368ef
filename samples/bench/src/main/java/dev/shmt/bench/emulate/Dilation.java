package dev.shmt.bench.emulate;

import dev.shmt.api.DeviceDeclinedException;
import dev.shmt.api.Precision;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.bench.calls.CallLog;
import dev.shmt.runtime.emulate.DeviceModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Chooses an app's dilation for an emulated run: the factor every modelled time is stretched by so that
 * the real computing behind the emulated devices fits this machine's cores.
 *
 * <p>It runs the app once warm and once measured on each real implementation the profile's devices
 * compute with (the CPU body on one cpu worker for fp32 and fp16, the NPU kernel for int8), and models
 * the same HLOPs on each emulated device. A device's load {@code q} is its real time over its modelled
 * time: at dilation 1 each of its workers would need {@code q} cores. The dilation keeps every worker,
 * and all of them together, at most {@link #HEADROOM} busy, a worker counting only its fair share of
 * the cores when all compute at once: {@code max(1, max q / (H x min(1, cores / workers)), sum(workers x
 * q) / (H x cores))}. The headroom leaves room for the runtime's own threads, the caller, and the noise
 * of a shared machine, so that emulated HLOPs do not overrun.
 */
public final class Dilation {
    static final double HEADROOM = 0.5;

    /** @param load per emulated device, real computing time over modelled time */
    public record Choice(double dilation, Map<String, Double> load) {}

    private Dilation() {}

    /**
     * @param devices the emulated devices the app's runtimes hold
     * @param settings what the bench sets on every runtime of the app beyond its devices and policy: the
     *     core sets and the app's hints
     */
    public static Choice choose(EmulationPlan e, List<String> devices, UnaryOperator<Shmt.Builder> settings,
                                BenchApp.Instance instance) {
        Map<String, Double> load = new LinkedHashMap<>();
        double most = 0;
        double total = 0;
        for (String name : devices) {
            DeviceModel d = e.profile().device(name);
            String compute = d.precision() == Precision.INT8 ? "npu" : "cpu";
            double[] realAndModel = measure(compute, d, settings, instance);
            double q = realAndModel[1] > 0 ? realAndModel[0] / realAndModel[1] : 0;
            load.put(name, q);
            most = Math.max(most, q);
            total += d.workers() * q;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = 0;
        for (String name : devices) {
            workers += e.profile().device(name).workers();
        }
        // With more workers than cores, all computing at once share the cores fairly: each gets cores/workers.
        double share = Math.min(1, (double) cores / Math.max(1, workers));
        double dilation = Math.max(1, Math.max(most / (HEADROOM * share), total / (HEADROOM * cores)));
        return new Choice(dilation, load);
    }

    /** Real nanoseconds of the app's calls on {@code compute} alone, and the modelled ones of their HLOPs on {@code d}. */
    private static double[] measure(String compute, DeviceModel d, UnaryOperator<Shmt.Builder> settings,
                                    BenchApp.Instance instance) {
        Shmt.Builder b = settings.apply(Shmt.builder().devices(compute).policy("single:" + compute).cpuThreads(1));
        try (CallLog log = new CallLog(b.build())) {
            try {
                for (int i = 0; i < 3; i++) {
                    instance.run(log); // the JIT's first runs are several times slower than its steady ones
                }
            } catch (DeviceDeclinedException e) {
                return new double[] {0, 0}; // it computes none of this app: its single row says why
            }
            log.entries.clear();
            instance.run(log);
            double real = 0;
            double model = 0;
            for (CallLog.Entry en : log.entries) {
                List<Report.HlopRecord> hlops = en.report().hlops();
                if (!d.covers(en.call())) {
                    continue; // the emulated device does not take this VOP
                }
                // The whole call's time on one worker, not only its HLOPs': where HLOPs are cheap (a
                // histogram's chunk), queueing and combining them is as much of the host's real work.
                real += en.report().wallNanos();
                for (Report.HlopRecord h : hlops) {
                    model += d.hlopNanos(en.call(), h.region());
                }
            }
            return new double[] {real, model};
        }
    }
}
