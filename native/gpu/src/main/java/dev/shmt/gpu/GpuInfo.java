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
    /** The oldest architecture the shipped kernels run on: the ISA 6.5 PTX's target, the Jetson Nano's sm_53. */
    static final int MIN_ARCH = 53;

    String arch() {
        return "sm_" + major + minor;
    }

    /** 53 for compute capability 5.3. */
    int capability() {
        return major * 10 + minor;
    }

    boolean supported() {
        return capability() >= MIN_ARCH;
    }

    String line() {
        return String.format(Locale.ROOT, "%s, %s, %d SMs, %.1f GiB", name, arch(), multiprocessors,
                memoryBytes / (double) (1L << 30));
    }
}
