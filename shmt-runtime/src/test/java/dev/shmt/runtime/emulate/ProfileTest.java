package dev.shmt.runtime.emulate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profiles: the time model's arithmetic, the shipped profiles, and bad fields refused by name. */
class ProfileTest {
    private static final String GOOD_DEVICE = "{\"name\": \"d\", \"kind\": \"CPU\", \"precision\": \"FP32\", "
            + "\"workers\": 1, \"hlop_us\": 0, \"vops\": {\"v\": {\"ns_per_cell\": 1}}}";

    @Test
    void anHlopIsItsFixedCostPlusComputePlusTheBusOrTheLongerOfThemWhenCopiesOverlap() {
        VopCall call = VopCall.builder("blur", Partition.TILE_2D).shape(64, 64).halo(1)
                .arg("src", VopCall.Role.IN, FloatMatrix.create(64, 64))
                .arg("dst", VopCall.Role.OUT, FloatMatrix.create(64, 64)).cpu(r -> null).build();
        Region tile = new Region(0, 0, 16, 32); // 512 cells; with the halo 18 x 34 = 612 read
        Bus serial = new Bus(2, 4, 1_000, false, 4); // 2 and 4 bytes per ns
        DeviceModel d = new DeviceModel("g", dev.shmt.api.DeviceKind.GPU, dev.shmt.api.Precision.FP32, 1, 5_000,
                Double.NaN, Double.NaN, serial, Map.of("blur", VopCost.measured(10)));
        double copy = 2 * 1_000 + 612 * 4 / 2.0 + 512 * 4 / 4.0;
        assertThat(d.hlopNanos(call, tile)).isWithin(1e-6).of(5_000 + 512 * 10 + copy);
        DeviceModel overlapped = new DeviceModel("g", d.kind(), d.precision(), 1, 5_000, Double.NaN, Double.NaN,
                new Bus(2, 4, 1_000, true, 4), d.vops());
        assertThat(overlapped.hlopNanos(call, tile)).isWithin(1e-6).of(5_000 + Math.max(512 * 10, copy));
        DeviceModel roofline = new DeviceModel("g", d.kind(), d.precision(), 1, 0, 100, 8, null,
                Map.of("blur", VopCost.roofline(50, 8)));
        assertWithMessage("memory bound: 8 bytes at 8 GB/s").that(roofline.nanosPerCell("blur")).isWithin(1e-9).of(1.0);
        assertThat(roofline.speedUp(4).nanosPerCell("blur")).isWithin(1e-9).of(0.25);
    }

    @Test
    void shippedProfilesCoverTheBundledAppsOnThreeDevices() {
        for (String name : Profile.SHIPPED) {
            Profile p = Profile.load(name);
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.sources()).isNotEmpty();
            assertThat(p.devices().stream().map(DeviceModel::name).toList()).containsExactly("gpu", "cpu", "npu");
            for (DeviceModel d : p.devices()) {
                for (String vop : List.of("Sobel.sobel", "Blackscholes.price", "Fft.rows")) {
                    assertWithMessage("%s %s %s", name, d.name(), vop).that(d.nanosPerCell(vop)).isGreaterThan(0.0);
                }
            }
            assertWithMessage("%s written and read back", name).that(ProfileReader.read(p.toJson(), "copy"))
                    .isEqualTo(p);
        }
    }

    @Test
    void withSpeedScalesOneDevice() {
        Profile p = Profile.load("jetson-nano-edgetpu");
        Profile fast = p.withSpeed("npu", 10);
        assertThat(fast.device("npu").nanosPerCell("Sobel.sobel"))
                .isWithin(1e-12).of(p.device("npu").nanosPerCell("Sobel.sobel") / 10);
        assertThat(fast.device("gpu")).isEqualTo(p.device("gpu"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> p.withSpeed("tpu", 2)))
                .hasMessageThat().contains("has no device 'tpu'");
    }

    private static String refused(String json) {
        return assertThrows(IllegalArgumentException.class, () -> ProfileReader.read(json, "bad.json")).getMessage();
    }

    private static String withDevice(String device) {
        return "{\"profile\": \"p\", \"devices\": [" + device + "]}";
    }

    @Test
    void badFieldsAreRefusedWithTheFieldNamed() {
        assertThat(ProfileReader.read(withDevice(GOOD_DEVICE), "ok").devices()).hasSize(1);
        assertThat(refused("{\"profile\": \"p\"}")).isEqualTo("profile bad.json: devices: expected a value, got nothing");
        assertThat(refused(withDevice(GOOD_DEVICE.replace("\"CPU\"", "\"TPU\""))))
                .isEqualTo("profile bad.json: devices[0].kind: expected one of [CPU, GPU, NPU, OTHER], got \"TPU\"");
        assertThat(refused(withDevice(GOOD_DEVICE.replace("\"workers\": 1", "\"workers\": 0"))))
                .isEqualTo("profile bad.json: devices[0].workers: expected a number >= 1, got 0");
        assertThat(refused(withDevice(GOOD_DEVICE.replace("\"workers\": 1", "\"workers\": 1.5"))))
                .contains("devices[0].workers: expected a whole number from 1 to 256, got 1.5");
        assertThat(refused(withDevice(GOOD_DEVICE.replace("\"ns_per_cell\": 1", "\"ns_per_cell\": -1"))))
                .isEqualTo("profile bad.json: devices[0].vops.v.ns_per_cell: expected a number > 0, got -1");
        assertThat(refused(withDevice(GOOD_DEVICE.replace("\"workers\"", "\"wrokers\""))))
                .startsWith("profile bad.json: devices[0].wrokers: expected one of the fields [name, kind,");
        assertThat(refused(withDevice(GOOD_DEVICE.replace("{\"ns_per_cell\": 1}",
                "{\"ops_per_cell\": 10, \"bytes_per_cell\": 4}"))))
                .isEqualTo("profile bad.json: devices[0].peak_gops: expected a positive number: devices[0].vops.v"
                        + " is a roofline");
        assertThat(refused(withDevice(GOOD_DEVICE.replace("\"vops\"",
                "\"bus\": {\"in_gbs\": 1, \"out_gbs\": 1, \"latency_us\": 0, \"overlap\": \"yes\"}, \"vops\""))))
                .isEqualTo("profile bad.json: devices[0].bus.overlap: expected true or false, got \"yes\"");
        assertThat(refused(withDevice(GOOD_DEVICE + ", " + GOOD_DEVICE)))
                .isEqualTo("profile bad.json: devices[1].name: expected a name no other device has, got \"d\"");
        assertThat(refused("{\"profile\": \"p\",\n \"devices\": [}"))
                .isEqualTo("profile bad.json: not valid JSON at line 2, column 14: unexpected '}'");
    }

    @Test
    void anUnknownProfileNameIsRefusedWithTheShippedOnesListed() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Profile.load("no-such-board")))
                .hasMessageThat().isEqualTo("profile 'no-such-board' is neither a shipped profile "
                        + "(jetson-nano-edgetpu, jetson-orin-nano-edgetpu) nor a file");
    }
}
