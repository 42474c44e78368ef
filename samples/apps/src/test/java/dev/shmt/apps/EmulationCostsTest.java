package dev.shmt.apps;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.DeviceDeclinedException;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every app runs on each device of both shipped profiles alone: the profiles hold device parameters only,
 * so an app that lacks an {@code @EmulationCost} for a device kind it runs on makes that emulated device
 * decline it, and this test fails naming the app and the device. (The histogram's NPU kernel declines
 * every call by design, for a reason of its own, not for a missing cost.)
 */
class EmulationCostsTest {
    private static final List<String> PROFILES = List.of("jetson-nano-edgetpu", "jetson-orin-nano-edgetpu");
    private static final List<String> DEVICES = List.of("cpu", "gpu", "npu");
    private static final int SIZE = 64;

    private static List<Report> runAlone(BenchApp app, String profile, String device) {
        BenchApp.Instance instance = app.prepare(SIZE, 3);
        Shmt.Builder b = Shmt.builder().emulate(profile, 1).policy("single:" + device);
        app.hint(b, app.defaultTile(SIZE), SIZE);
        try (Shmt rt = b.build()) {
            return instance.run(rt);
        }
    }

    @Test
    void everyAppRunsOnEveryEmulatedDeviceItHasAnImplementationFor() {
        for (String profile : PROFILES) {
            for (BenchApp app : Apps.all()) {
                for (String device : DEVICES) {
                    String what = app.name() + " on " + profile + "'s " + device;
                    if (app.name().equals("histogram") && device.equals("npu")) {
                        DeviceDeclinedException e = assertThrows(DeviceDeclinedException.class,
                                () -> runAlone(app, profile, device), what);
                        assertWithMessage(what).that(e.reason()).doesNotContain("emulation cost");
                        continue;
                    }
                    List<Report> reports = runAlone(app, profile, device);
                    assertWithMessage(what).that(reports).isNotEmpty();
                    for (Report r : reports) {
                        assertWithMessage(what).that(r.hlops()).isNotEmpty();
                        r.hlops().forEach(h -> assertWithMessage(what).that(h.device()).isEqualTo(device));
                    }
                }
            }
        }
    }
}
