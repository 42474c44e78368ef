package dev.shmt.spark;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Device;
import dev.shmt.runtime.spi.DeviceConfig;
import dev.shmt.runtime.spi.DeviceProvider;
import dev.shmt.runtime.spi.Hlop;
import java.util.List;

/**
 * Test-only, registered through META-INF/services for the tests' JVM: a device named "failing" that
 * takes every call and throws on every HLOP, as a broken accelerator on one executor would. Runtimes that
 * do not name it never give it work.
 */
public final class FailingStandInProvider implements DeviceProvider {
    @Override
    public List<Device> devices(DeviceConfig config) {
        return List.of(new BaseDevice("failing", DeviceKind.OTHER, Precision.FP32, 1) {
            @Override
            public boolean supports(VopCall call) {
                return true;
            }

            @Override
            public Object run(Hlop hlop) {
                throw new IllegalStateException("injected: this stand-in device fails every HLOP");
            }
        });
    }
}
