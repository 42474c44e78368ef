package dev.shmt.npu;

import com.google.auto.service.AutoService;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceConfig;
import dev.shmt.runtime.spi.DeviceProvider;
import java.util.List;

/**
 * Registers the NPU device. Its worker threads come from {@code shmt.npu.threads} or
 * {@code SHMT_NPU_THREADS} (default 1: the NPU's CPU fallback should not crowd out the CPU device).
 */
@AutoService(DeviceProvider.class)
public final class NpuDeviceProvider implements DeviceProvider {
    @Override
    public List<Device> devices(DeviceConfig config) {
        int threads;
        try {
            threads = threads();
        } catch (IllegalArgumentException e) {
            return List.of(NpuDevice.unavailable(e.getMessage())); // listed with the cause, not dropped
        }
        String refusal = config.grants().refusal("npu");
        if (refusal != null) {
            return List.of(NpuDevice.unavailable(refusal)); // another process may own the Edge TPU: do not open it
        }
        return List.of(NpuDevice.detect(threads));
    }

    static int threads() {
        String p = System.getProperty("shmt.npu.threads");
        String v = p != null ? p : System.getenv("SHMT_NPU_THREADS");
        if (v == null || v.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException((p != null ? "-Dshmt.npu.threads" : "SHMT_NPU_THREADS") + "=" + v
                + ": expected a whole number >= 1");
    }
}
