package dev.shmt.gpu;

import java.util.Locale;

/**
 * One GPU as the driver lists it.
 *
 * @param ordinal the driver's device number
 * @param major compute capability, major part
 * @param minor compute capability, minor part
 * @param multiprocessors streaming multiprocessors
 * @param memoryBytes global memory
 */
record GpuInfo(int ordinal, String name, int major, int minor, int multiprocessors, long memoryBytes) {
    /** The oldest architecture the shipped fatbin and PTX target (Turing). */
    static final int MIN_ARCH = 75;

    String arch() {
        return "sm_" + major + minor;
    }

    boolean supported() {
        return major * 10 + minor >= MIN_ARCH;
    }

    String line() {
        return String.format(Locale.ROOT, "%s, %s, %d SMs, %.1f GiB", name, arch(), multiprocessors,
                memoryBytes / (double) (1L << 30));
    }
}
