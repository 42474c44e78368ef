package dev.shmt.gpu;

import java.util.Locale;

/**
 * Which CUDA driver binding the gpu device uses, from {@code -Dshmt.cuda.binding} or else
 * {@code SHMT_CUDA_BINDING}: {@code auto} (JCuda where its natives are on the class path or library path,
 * JNA everywhere else), {@code jcuda} or {@code jna}.
 */
enum CudaBinding {
    AUTO("auto"),
    JCUDA("jcuda"),
    JNA("jna");

    static final String PROPERTY = "shmt.cuda.binding";
    static final String ENV = "SHMT_CUDA_BINDING";
    /** The driver library as the NVIDIA driver (and JetPack) installs it. */
    static final String LIBCUDA = "libcuda.so.1";

    final String text;

    CudaBinding(String text) {
        this.text = text;
    }

    /** The configured binding; an unknown value is an IllegalArgumentException naming the setting. */
    static CudaBinding configured() {
        String prop = System.getProperty(PROPERTY);
        String value = prop != null ? prop : System.getenv(ENV);
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        for (CudaBinding b : values()) {
            if (b.text.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException((prop != null ? "-D" + PROPERTY : ENV) + "=" + value
                + ": expected auto, jcuda or jna");
    }

    /** Where a non-default choice came from: "SHMT_CUDA_BINDING=jna". */
    static String origin() {
        String prop = System.getProperty(PROPERTY);
        return prop != null ? "-D" + PROPERTY + "=" + prop : ENV + "=" + System.getenv(ENV);
    }
}
