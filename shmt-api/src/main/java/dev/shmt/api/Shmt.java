package dev.shmt.api;

import java.util.List;

/**
 * An SHMT runtime: splits each VOP call into HLOPs and runs them at the same time on every device it
 * has. Thread-safe; one runtime serves many concurrent callers. Close it to stop its threads.
 */
public interface Shmt extends AutoCloseable {
    /**
     * Runs {@code call} to completion and reports where every HLOP ran.
     *
     * @throws IllegalStateException when the runtime is closed or no device can run the call
     * @throws ShmtExecutionException when some HLOP could not run on any device
     */
    Report execute(VopCall call);

    /**
     * The regions this runtime splits {@code call} into, one HLOP each, as {@link #execute} would: for
     * tools that run the same pieces another way (the bench's bare-kernel comparison).
     */
    List<Region> partition(VopCall call);

    /** Every device this runtime found, the unavailable ones too, each with its cause. */
    List<DeviceInfo> devices();

    /** The scheduling policy's name, as given to the builder (for a policy object, the name it gives itself). */
    String policy();

    boolean isClosed();

    /**
     * The runtime's energy meters: what was found, and windows over several calls. {@link EnergyMeters#OFF}
     * unless the runtime was built with {@link Builder#energy}.
     */
    default EnergyMeters energy() {
        return EnergyMeters.OFF;
    }

    /** Finishes calls already in flight, then stops every thread; later calls are refused. */
    @Override
    void close();

    /** A builder for a runtime of your own: every setting a runtime has. */
    static Builder builder() {
        return RuntimeLookup.factory().newBuilder();
    }

    /**
     * The shared runtime generated code uses when no runtime is passed: every device that loads and
     * the work-stealing policy. Created on first use; if closed, the next call creates a fresh one.
     */
    static Shmt defaultRuntime() {
        return DefaultRuntime.get();
    }

    /** Settings for a new runtime; every setting is optional. */
    interface Builder {
        /** Uses only the devices with these names (for example "cpu", "gpu"); default: all that load. */
        Builder devices(String... names);

        /**
         * The scheduling policy by name. A runtime ships {@code single:<device>}, {@code even}, {@code ws},
         * the quality-aware {@code qaws-ls}, {@code qaws-lu}, {@code qaws-lr}, {@code qaws-ts},
         * {@code qaws-tu}, {@code qaws-tr}, {@code adaptive}, and the evaluation-only {@code oracle} and
         * {@code random}; other modules on the class path may add more ({@link PolicyName#known()} lists
         * them all). Default {@code ws}; {@code adaptive} learns per VOP and size which devices and tile
         * size to run.
         *
         * @throws IllegalArgumentException for a name no policy on the class path has, listing those it has
         */
        default Builder policy(String name) {
            return policy(PolicyName.parse(name));
        }

        /**
         * The scheduling policy, already parsed.
         *
         * @throws IllegalArgumentException for a name no policy on the class path has, listing those it has
         */
        Builder policy(PolicyName name);

        /**
         * The scheduling policy as an object of the user's: it plans, defers and steals exactly as a named
         * policy does, and {@link Shmt#policy()} reports its name. Write it by implementing the runtime's
         * {@code dev.shmt.runtime.spi.Policy}; the runtime uses this very object, so give each runtime its
         * own if it keeps state between calls. A policy users should pick by name comes from a
         * {@code PolicyProvider} instead.
         *
         * @throws IllegalArgumentException when {@code policy} is not a {@code dev.shmt.runtime.spi.Policy}
         */
        Builder policy(SchedulingPolicy policy);

        /**
         * Tile size for TILE_2D (and rows per HLOP for ROWS; {@code cols} is then ignored), overriding
         * the VOP's own hint. Unlike a VOP's hint ({@code @Vop(tileRows = ...)}), a default that is cut
         * down to small data, this is an exact size: a call whose matrix is shorter or narrower than it
         * (for ROWS: has fewer rows) is refused with an {@link IllegalArgumentException} naming
         * {@code tileHint}, before any HLOP runs.
         *
         * @throws IllegalArgumentException when either size is below 1
         */
        Builder tileHint(int rows, int cols);

        /**
         * Elements per HLOP for ELEMENTWISE and REDUCE (rounded up to whole 4 KiB pages), overriding the
         * VOP's own hint. Unlike a VOP's hint ({@code @Vop(chunk = ...)}), a default that is cut down to
         * short data, this is an exact size: a call shorter than it is refused with an
         * {@link IllegalArgumentException} naming {@code chunkHint}, before any HLOP runs.
         *
         * @throws IllegalArgumentException when {@code elements} is below 1
         */
        Builder chunkHint(int elements);

        /**
         * Worker threads of the CPU device; default: the available processors.
         *
         * @throws IllegalArgumentException when {@code threads} is below 1
         */
        Builder cpuThreads(int threads);

        /**
         * Which host cores each device's workers run on: {@code "cpu:0-2,npu:3"}, {@code "none"} (no
         * pinning) or {@code "auto"}. Without this call, {@code -Dshmt.cpu.sets} or the environment
         * variable {@code SHMT_CPU_SETS} decide, and otherwise {@code auto}: every device that computes on
         * host cores (the CPU, an NPU on TFLite's CPU kernels) gets a disjoint share, so devices running
         * at once do not compete for cores; with fewer cores than such devices nothing is pinned, and
         * listings say so. The cpu device then runs one worker per core of its share unless
         * {@link #cpuThreads} says otherwise.
         *
         * @throws IllegalArgumentException naming {@code cpuSets} for a malformed spec
         */
        Builder cpuSets(String spec);

        /** The quality-aware policies' settings (and the oracle's K); default {@link QawsSettings#DEFAULTS}. */
        Builder qaws(QawsSettings settings);

        /**
         * QAWS and oracle: K, the fraction of HLOPs that are critical, in [0, 1], for VOPs without their
         * own hint ({@code @Vop(criticalFraction = ...)} wins); default
         * {@value QawsSettings#DEFAULT_CRITICAL_FRACTION}. Short for {@code qaws(settings.withCriticalFraction(k))}.
         */
        Builder criticalFraction(double k);

        /**
         * When a running HLOP counts as hung, is re-run elsewhere and quarantines its device; default
         * {@link WatchdogSettings#DEFAULTS}, {@link WatchdogSettings#OFF} to disable.
         */
        Builder watchdog(WatchdogSettings settings);

        /**
         * A device whose HLOPs fail this many times in a row takes no more HLOPs for the rest of the
         * runtime's life; its waiting HLOPs go to other devices. Default 3; 0 never quarantines.
         *
         * @throws IllegalArgumentException when {@code failures} is negative
         */
        Builder quarantineAfter(int failures);

        /**
         * Runs on emulated hardware instead of this machine's devices: the devices of {@code profile} (a
         * shipped profile's name, such as {@code jetson-nano-edgetpu}, or a profile's JSON file), each
         * computing real results with the implementation of its precision (fp32 and fp16: the VOP's CPU
         * body; int8: this machine's NPU kernels) and taking the time the profile gives its HLOPs, times
         * {@code dilation}. The scheduler, policies and reports are the real ones. A dilation above 1
         * stretches every modelled time so that several emulated devices' real computing fits this
         * machine's cores; divide reported times by it.
         *
         * @throws IllegalArgumentException when {@code dilation} is below 1; the profile is read, and
         *     refused with the field named, when the runtime is built
         */
        Builder emulate(String profile, double dilation);

        /**
         * Measures energy: every call's {@link Report#energy()} then carries the joules each meter saw during
         * the call, and {@link Shmt#energy()} opens windows over several calls. Default
         * {@link EnergySettings#OFF}: no meter opened, no sampling thread.
         */
        Builder energy(EnergySettings settings);

        /**
         * How the {@code adaptive} policy learns: its objective, exploration budget, the policy it runs
         * several devices with, and where it keeps what it learned; default {@link AdaptiveSettings#DEFAULTS}.
         * Other policies ignore it.
         */
        Builder adaptive(AdaptiveSettings settings);

        /** Adds an observer of every call's HLOPs, quarantines and ends; any number may be added. */
        Builder observer(ShmtObserver observer);

        Shmt build();
    }
}
