package dev.shmt.runtime.testing;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Hlop;
import java.util.function.IntPredicate;

/**
 * Test-only: a one-thread device of a chosen precision that runs the CPU kernel, optionally slower,
 * failing on chosen HLOPs, or approximate: after the kernel it rounds the HLOP's region of every
 * {@code FloatMatrix} output to multiples of {@code step}, as a coarse int8 device would.
 */
public final class PrecisionDevice extends BaseDevice {
    private final CpuDevice inner;
    private final long extraNanos;
    private final IntPredicate failOn;
    private final float step;

    private PrecisionDevice(String name, Precision precision, long extraNanos, IntPredicate failOn, float step) {
        super(name, DeviceKind.OTHER, precision, 1);
        this.inner = new CpuDevice(name, 1);
        this.extraNanos = extraNanos;
        this.failOn = failOn;
        this.step = step;
    }

    public static PrecisionDevice of(String name, Precision precision, long extraNanos) {
        return new PrecisionDevice(name, precision, extraNanos, i -> false, 0);
    }

    public static PrecisionDevice failing(String name, Precision precision, IntPredicate failOn) {
        return new PrecisionDevice(name, precision, 0, failOn, 0);
    }

    /** Rounds its outputs to multiples of {@code step}. */
    public static PrecisionDevice rounding(String name, Precision precision, float step) {
        return new PrecisionDevice(name, precision, 0, i -> false, step);
    }

    @Override
    public boolean supports(VopCall call) {
        return inner.supports(call);
    }

    @Override
    public Object run(Hlop hlop) {
        FaultDevice.sleep(extraNanos);
        if (failOn.test(hlop.index())) {
            throw new IllegalStateException("injected fault on HLOP " + hlop.index());
        }
        Object partial = inner.run(hlop);
        if (step > 0) {
            for (VopCall.Arg a : hlop.call().args()) {
                if (a.role() == VopCall.Role.OUT && a.value() instanceof FloatMatrix) {
                    FloatMatrix out = ((FloatMatrix) a.value()).region(hlop.region());
                    for (int r = 0; r < out.rows(); r++) {
                        for (int c = 0; c < out.cols(); c++) {
                            out.set(r, c, Math.round(out.get(r, c) / step) * step);
                        }
                    }
                }
            }
        }
        return partial;
    }
}
