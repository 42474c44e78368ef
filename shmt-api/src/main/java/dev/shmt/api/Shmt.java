package dev.shmt.api;

import dev.shmt.api.spi.ShmtFactory;
import java.util.List;
import java.util.ServiceLoader;

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

    /** Every device this runtime found, the unavailable ones too, each with its cause. */
    List<DeviceInfo> devices();

    /** The scheduling policy's name, as given to the builder. */
    String policy();

    boolean isClosed();

    /** Finishes calls already in flight, then stops every thread; later calls are refused. */
    @Override
    void close();

    /** A builder for a runtime of your own (devices, policy, hints). */
    static Builder builder() {
        for (ShmtFactory f : ServiceLoader.load(ShmtFactory.class, Shmt.class.getClassLoader())) {
            return f.newBuilder();
        }
        throw new IllegalStateException("no SHMT runtime on the class path: add the dev.shmt:shmt-runtime dependency");
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
         * The scheduling policy by name: {@code single:<device>}, {@code even}, {@code ws}, the
         * quality-aware {@code qaws-ls}, {@code qaws-lu}, {@code qaws-lr}, {@code qaws-ts},
         * {@code qaws-tu}, {@code qaws-tr}, and the evaluation-only {@code oracle}. Default ws.
         *
         * @throws IllegalArgumentException for a name not in that list
         */
        Builder policy(String name);

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

        Shmt build();
    }
}
