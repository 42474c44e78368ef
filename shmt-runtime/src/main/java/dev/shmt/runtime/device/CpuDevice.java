package dev.shmt.runtime.device;

import dev.shmt.api.CpuKernel;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.sched.Hlop;

/** Runs each HLOP's {@link CpuKernel} (the VOP body on tile views) on a pool of Java threads. */
public final class CpuDevice implements Device {
    private final String name;
    private final int threads;

    public CpuDevice(int threads) {
        this("cpu", threads);
    }

    public CpuDevice(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.name = name;
        this.threads = threads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.CPU;
    }

    @Override
    public Precision precision() {
        return Precision.FP32;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String detail() {
        return "Java " + Runtime.version().feature() + ", " + System.getProperty("os.arch");
    }

    @Override
    public DeviceStatus status() {
        return DeviceStatus.available();
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
