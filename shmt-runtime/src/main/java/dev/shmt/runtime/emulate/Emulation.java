package dev.shmt.runtime.emulate;

import dev.shmt.api.Precision;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.EnergyMeter;
import java.util.ArrayList;
import java.util.List;

/** Builds a profile's devices for a runtime, each computing with a real implementation of its precision. */
public final class Emulation {
    private Emulation() {}

    /**
     * The devices of {@code profile}, their times dilated by {@code dilation}. fp32 and fp16 devices
     * compute with the VOP's CPU body (a CPU device of their own, as many workers as the profile says);
     * the int8 device computes with the discovered int8 device ({@code npu}: TFLite on this machine).
     * Discovered devices not used for computing are closed.
     *
     * @throws IllegalArgumentException when the profile has more than one int8 device: there is one
     *     NPU implementation to compute them with
     */
    public static List<Device> devices(Profile profile, double dilation, List<Device> discovered) {
        Device int8 = discovered.stream().filter(d -> d.precision() == Precision.INT8).findFirst().orElse(null);
        List<Device> out = new ArrayList<>();
        EmulatedDevice.Busy busy = new EmulatedDevice.Busy();
        boolean int8Used = false;
        for (DeviceModel m : profile.devices()) {
            Device compute;
            if (m.precision() == Precision.INT8) {
                if (int8Used) {
                    throw new IllegalArgumentException("profile " + profile.name() + ": device " + m.name()
                            + ": one int8 device per profile can be emulated (its results come from this machine's"
                            + " one NPU implementation)");
                }
                if (int8 == null) {
                    throw new IllegalArgumentException("profile " + profile.name() + ": device " + m.name()
                            + " is int8, and no int8 device (npu) was found to compute its results");
                }
                compute = int8;
                int8Used = true;
            } else {
                compute = new CpuDevice(m.name() + "-cpu-body", m.workers());
            }
            out.add(new EmulatedDevice(profile.name(), m, compute, dilation, busy));
        }
        for (Device d : discovered) {
            if (d != int8 || !int8Used) {
                d.close();
            }
        }
        return out;
    }

    /**
     * The energy meter of an emulated runtime over {@code devices} (those {@link #devices} built): the
     * profile's figures, modelled; unavailable, saying so, when the profile gives none.
     */
    public static List<EnergyMeter> meters(Profile profile, double dilation, List<Device> devices) {
        return List.of(new EmulatedEnergy(profile, dilation, devices));
    }
}
