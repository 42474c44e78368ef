package dev.shmt.gpu;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * The host CUDA stand-in's test hooks, called through JNA in the libcuda.so.1 this JVM already loaded:
 * its counters, and a switch that holds kernels on their streams as a hung GPU would.
 */
final class StandInHooks {
    // Indices of shmt_standin_stats's counters (standin.h, enum Stat).
    static final int DEVICE_ALLOCS = 0;
    static final int DEVICE_FREES = 1;
    static final int HOST_ALLOCS = 2;
    static final int LAUNCHES = 4;
    static final int KERNELS_DONE = 5;
    static final int SYNCHRONIZES = 9;

    private static final NativeLibrary LIBCUDA = NativeLibrary.getInstance("libcuda.so.1");

    private StandInHooks() {}

    static long[] stats() {
        long[] out = new long[16];
        Function f = LIBCUDA.getFunction("shmt_standin_stats");
        f.invokeInt(new Object[] {out, out.length});
        return out;
    }

    static void holdKernels(boolean hold) {
        LIBCUDA.getFunction("shmt_standin_hold_kernels").invokeVoid(new Object[] {hold ? 1 : 0});
    }
}
