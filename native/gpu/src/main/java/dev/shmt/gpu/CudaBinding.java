package dev.shmt.gpu;

import dev.shmt.runtime.spi.Setting;

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
    static final Setting SETTING = new Setting(PROPERTY, ENV);
    /** The driver library as the NVIDIA driver (and JetPack) installs it. */
    static final String LIBCUDA = "libcuda.so.1";

    final String text;

    CudaBinding(String text) {
        this.text = text;
    }

    /** The configured binding; an unknown value is an IllegalArgumentException naming the setting. */
    static CudaBinding configured() {
        return SETTING.choose(values(), b -> b.text, AUTO, "auto, jcuda or jna");
    }

    /** Where a non-default choice came from: "SHMT_CUDA_BINDING=jna". */
    static String origin() {
        return SETTING.origin();
    }
}
