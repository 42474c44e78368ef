package dev.shmt.gpu;

import com.google.auto.service.AutoService;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceConfig;
import dev.shmt.runtime.spi.DeviceProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the GPU devices. Each runs {@code shmt.gpu.streams} / {@code SHMT_GPU_STREAMS} worker
 * threads, one CUDA stream each (default 2: enough for one HLOP's copies to overlap another's kernel).
 */
@AutoService(DeviceProvider.class)
public final class GpuDeviceProvider implements DeviceProvider {
    @Override
    public List<Device> devices(DeviceConfig config) {
        int streams;
        try {
            streams = streams();
        } catch (IllegalArgumentException e) {
            return List.of(GpuDevice.unavailable("gpu", e.getMessage()));
        }
        try {
            return new ArrayList<>(GpuDevice.detect(streams, config.grants()));
        } catch (LinkageError | RuntimeException e) {
            // Whatever JCuda throws, the device is listed with the cause rather than dropped.
            return List.of(GpuDevice.unavailable("gpu", "GPU detection failed: " + e));
        }
    }

    static int streams() {
        String p = System.getProperty("shmt.gpu.streams");
        String v = p != null ? p : System.getenv("SHMT_GPU_STREAMS");
        if (v == null || v.isBlank()) {
            return 2;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 16) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException((p != null ? "-Dshmt.gpu.streams" : "SHMT_GPU_STREAMS") + "=" + v
                + ": expected a whole number from 1 to 16");
    }
}
