package dev.shmt.gpu.energy;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import dev.shmt.runtime.spi.EnergyChannel;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * One GPU as NVML lists it: its energy counter where the GPU has one (Volta and newer), else its power,
 * sampled. Named {@code gpu<NVML index>}; only index 0 belongs to the runtime's {@code gpu} device, which runs
 * on CUDA device 0. CUDA orders several GPUs fastest first and NVML by PCI bus, so with more than one GPU
 * NVML's 0 is CUDA's 0 only under {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}.
 */
final class NvmlChannel implements EnergyChannel {
    /** Why the counter wins over sampled power, for every NVML channel. */
    static final String PART_TIME = "on A100 and H100, NVML's power reading covers only part of each interval"
            + " (Yang et al., SC'24, \"Part-time Power Measurements\"), which is why the energy counter is preferred";

    private final Nvml nvml;
    private final Pointer device;
    private final int index;
    private final String gpuName;
    private final Method method;
    private final BooleanSupplier closed;

    NvmlChannel(Nvml nvml, Pointer device, int index, String gpuName, Method method, BooleanSupplier closed) {
        this.nvml = nvml;
        this.device = device;
        this.index = index;
        this.gpuName = gpuName;
        this.method = method;
        this.closed = closed;
    }

    /** The GPU's name as NVML gives it ("NVIDIA H100 80GB HBM3"). */
    String gpuName() {
        return gpuName;
    }

    @Override
    public String name() {
        return "gpu" + index;
    }

    @Override
    public String device() {
        return index == 0 ? "gpu" : null;
    }

    @Override
    public Scope scope() {
        return Scope.COMPONENT;
    }

    @Override
    public Method method() {
        return method;
    }

    /** A discrete board draws its power outside the CPU's psys. */
    @Override
    public boolean outsideSystem() {
        return true;
    }

    @Override
    public String note() {
        return method == Method.COUNTER ? PART_TIME
                : "the GPU's energy counter is not supported (pre-Volta), so its power is sampled and integrated; "
                        + PART_TIME;
    }

    @Override
    public double joules() throws IOException {
        if (method != Method.COUNTER) {
            return EnergyChannel.super.joules();
        }
        requireOpen();
        LongByReference mj = new LongByReference();
        check(nvml.totalEnergy(device, mj), "nvmlDeviceGetTotalEnergyConsumption");
        return mj.getValue() / 1e3;
    }

    /** 64 bits of millijoules: it does not wrap. */
    @Override
    public double wrapJoules() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public double resolutionJoules() {
        return method == Method.COUNTER ? 1e-3 : 0;
    }

    @Override
    public double watts() throws IOException {
        if (method != Method.SAMPLED) {
            return EnergyChannel.super.watts();
        }
        requireOpen();
        IntByReference mw = new IntByReference();
        check(nvml.powerUsage(device, mw), "nvmlDeviceGetPowerUsage");
        return Integer.toUnsignedLong(mw.getValue()) / 1e3;
    }

    /** After nvmlShutdown the handle means nothing: a read says so rather than calling NVML with it. */
    private void requireOpen() throws IOException {
        if (closed.getAsBoolean()) {
            throw new IOException(name() + ": the nvml meter is closed");
        }
    }

    private void check(int result, String function) throws IOException {
        if (result != Nvml.SUCCESS) {
            throw new IOException(name() + ": " + function + ": " + nvml.error(result));
        }
    }
}
