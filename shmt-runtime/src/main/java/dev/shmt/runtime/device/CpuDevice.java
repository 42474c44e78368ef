package dev.shmt.runtime.device;

import dev.shmt.api.CpuKernel;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Hlop;

/** Runs each HLOP's {@link CpuKernel} (the VOP body on tile views) on a pool of Java threads. */
public final class CpuDevice extends BaseDevice {
    public CpuDevice(int threads) {
        this("cpu", threads);
    }

    public CpuDevice(String name, int threads) {
        super(name, DeviceKind.CPU, Precision.FP32, threads);
    }

    @Override
    public String detail() {
        return "Java " + Runtime.version().feature() + ", " + System.getProperty("os.arch");
    }

    @Override
    public boolean supports(VopCall call) {
        return call.cpuKernel() != null;
    }

    @Override
    public Object run(Hlop hlop) {
        return hlop.call().cpuKernel().run(hlop.region());
    }
}
