package dev.shmt.runtime.policy.adaptive;

import dev.shmt.api.FloatArray;
import dev.shmt.api.PolicyChoice;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.runtime.testing.CopyVop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Emulation profiles for the adaptive policy's tests, where the truth is known, and a run of calls
 * recorded with what the policy chose.
 */
final class AdaptiveRuns {
    /** Cells per call: 16 HLOPs at the 4096-element chunk the tests hint. */
    static final int CELLS = 64 * 1024;
    static final int CHUNK = 4096;
    /**
     * How far, in calls of the best configuration, the exploring may run ahead of its allowance: the
     * budget is kept against estimates, and a call the machine's noise made slower than its pessimistic
     * estimate overdraws it until later calls repay it (on a loaded machine single calls can take twice as long).
     */
    static final double NOISE_CALLS = 3;

    private AdaptiveRuns() {}

    /**
     * Two fp32 devices: {@code fast} at {@code fastNs} per cell, {@code slow} at {@code slowNs}, each
     * {@code corun} times slower while the other is busy, 50 us per HLOP.
     */
    static Path profile(Path dir, String name, double fastNs, double slowNs, double corun) throws IOException {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, String.format(java.util.Locale.ROOT, """
                {"profile": "%s", "devices": [
                  {"name": "fast", "kind": "GPU", "precision": "FP32", "workers": 1, "hlop_us": 50,
                   "vops": {"copy": {"ns_per_cell": %s, "corun_slowdown": %s}}},
                  {"name": "slow", "kind": "CPU", "precision": "FP32", "workers": 1, "hlop_us": 50,
                   "vops": {"copy": {"ns_per_cell": %s, "corun_slowdown": %s}}}]}
                """, name, fastNs, corun, slowNs, corun));
        return f;
    }

    /** One call's wall time and what the policy chose for it. */
    record Call(long wallNanos, PolicyChoice choice, Report report) {
        boolean alone(String device) {
            return choice.configuration().startsWith(device + " alone");
        }

        boolean allDevices() {
            return choice.configuration().startsWith("fast+slow");
        }
    }

    /** {@code n} copy calls on {@code rt}, each recorded. */
    static List<Call> run(Shmt rt, int n) {
        FloatArray a = FloatArray.create(CELLS);
        FloatArray out = FloatArray.create(CELLS);
        for (int i = 0; i < CELLS; i++) {
            a.set(i, i);
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Report r = rt.execute(CopyVop.of(a, out));
            calls.add(new Call(r.wallNanos(), r.choice(), r));
        }
        return calls;
    }

    /**
     * The conservative budget as the reports show it: at every call, what exploring calls took beyond the
     * best known cost so far, less {@code alpha} times that cost summed over the calls: at most 0 when every
     * estimate was pessimistic.
     */
    static double worstOverspend(List<Call> calls, double alpha) {
        double over = 0;
        double allowance = 0;
        double worst = Double.NEGATIVE_INFINITY;
        for (Call c : calls) {
            double b = c.choice().baseline();
            if (Double.isNaN(b)) {
                continue;
            }
            allowance += alpha * b;
            if (c.choice().exploring()) {
                over += c.wallNanos() - b;
            }
            worst = Math.max(worst, over - allowance);
        }
        return worst;
    }
}
