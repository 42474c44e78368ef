package dev.shmt.gpu;

import dev.shmt.runtime.spi.Setting;

/**
 * The three forms every bundled kernel ships in, in the order the module loader tries them: the fatbin's
 * machine code (SASS) for the GPU's own architecture, PTX ISA 8.0 for sm_75 (JIT-compiled by CUDA 12.0+
 * drivers), PTX ISA 6.5 for sm_53 (JIT-compiled by CUDA 10.2+ drivers: every Jetson since the Nano).
 * {@code -Dshmt.gpu.kernels} / {@code SHMT_GPU_KERNELS} forces one of them (default {@code auto}).
 */
enum KernelImage {
    FATBIN("fatbin", ".fatbin", 0, 0),
    PTX80("ptx80", ".ptx", 12000, 75),
    PTX65("ptx65", ".sm53.ptx", 10020, 53);

    static final String PROPERTY = "shmt.gpu.kernels";
    static final String ENV = "SHMT_GPU_KERNELS";

    final String text;
    /** The file that replaces ".ptx" in a kernel's resource name. */
    final String suffix;
    /** The oldest driver that JIT-compiles this PTX (0 for the fatbin: its SASS needs no JIT). */
    final int minDriver;
    /** The oldest compute capability (x10) the PTX targets. */
    final int minCapability;

    KernelImage(String text, String suffix, int minDriver, int minCapability) {
        this.text = text;
        this.suffix = suffix;
        this.minDriver = minDriver;
        this.minCapability = minCapability;
    }

    String resource(String ptxResource) {
        return ptxResource.replaceFirst("\\.ptx$", "") + suffix;
    }

    /** Why a driver and GPU cannot JIT this PTX, or null when they can (always null for the fatbin). */
    String refusal(int driverVersion, int capability) {
        if (this == FATBIN) {
            return null;
        }
        if (driverVersion < minDriver) {
            return "needs a CUDA " + CudaProbe.version(minDriver) + " driver, this is CUDA "
                    + CudaProbe.version(driverVersion);
        }
        if (capability < minCapability) {
            return "targets sm_" + minCapability + ", this GPU is sm_" + capability;
        }
        return null;
    }

    /** "PTX ISA 8.0", "PTX ISA 6.5", "fatbin". */
    String label() {
        return switch (this) {
            case FATBIN -> "fatbin";
            case PTX80 -> "PTX ISA 8.0";
            case PTX65 -> "PTX ISA 6.5";
        };
    }

    /** The forced image, or null for auto; an unknown value is an IllegalArgumentException naming the setting. */
    static KernelImage forced() {
        Setting setting = new Setting(PROPERTY, ENV);
        // "auto" is the unset value spelled out: null as well.
        return "auto".equals(setting.value()) ? null
                : setting.choose(values(), k -> k.text, null, "auto, fatbin, ptx80 or ptx65");
    }
}
