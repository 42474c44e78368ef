package dev.shmt.runtime.emulate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Partition;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import java.util.LinkedHashMap;
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

    /**
     * Every shipped device can run the VOPs' declared costs (a roofline of its own) and any cost it gives
     * itself is positive; which apps are costed is the apps' business ({@code @EmulationCost}).
     */
    @Test
    void shippedProfilesHaveThreeDevicesThatCanCostDeclaredVops() {
        for (String name : Profile.SHIPPED) {
            Profile p = Profile.load(name);
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.sources()).isNotEmpty();
            assertThat(p.devices().stream().map(DeviceModel::name).toList()).containsExactly("gpu", "cpu", "npu");
            for (DeviceModel d : p.devices()) {
                assertWithMessage("%s %s peak_gops", name, d.name()).that(d.peakGops()).isGreaterThan(0.0);
                assertWithMessage("%s %s memory_gbs", name, d.name()).that(d.memoryGbs()).isGreaterThan(0.0);
                VopCall declared = VopCall.builder("Ops.v", Partition.ELEMENTWISE).length(8).cpu(r -> null)
                        .cost(d.kind(), 10, 4).build();
                assertWithMessage("%s %s", name, d.name()).that(d.nanosPerCell(declared)).isGreaterThan(0.0);
                for (String vop : d.vops().keySet()) {
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
        VopCall declared = VopCall.builder("Ops.v", Partition.ELEMENTWISE).length(8).cpu(r -> null)
                .cost(dev.shmt.api.DeviceKind.NPU, 36, 2).build();
        assertThat(fast.device("npu").nanosPerCell(declared))
                .isWithin(1e-12).of(p.device("npu").nanosPerCell(declared) / 10);
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

    private static final String ROOFLINE_DEVICE = "{\"name\": \"d\", \"kind\": \"GPU\", \"precision\": \"FP32\", "
            + "\"workers\": 1, \"hlop_us\": 0, \"peak_gops\": 100, \"memory_gbs\": 8}";

    @Test
    void vopsAreOptional_aDeviceWithoutThemTakesTheVopsDeclaredCosts() {
        Profile p = ProfileReader.read(withDevice(ROOFLINE_DEVICE), "ok");
        assertThat(p.devices().get(0).vops()).isEmpty();
        assertThat(p.toJson()).doesNotContain("vops");
        assertThat(ProfileReader.read(p.toJson(), "copy")).isEqualTo(p);
        assertThat(ProfileReader.read(withDevice(ROOFLINE_DEVICE.replace("}", ", \"vops\": {}}")), "ok")).isEqualTo(p);
        // Without vops and without a roofline a device could cost nothing.
        assertThat(refused(withDevice(GOOD_DEVICE.replace(", \"vops\": {\"v\": {\"ns_per_cell\": 1}}", ""))))
                .isEqualTo("profile bad.json: devices[0].peak_gops: expected a positive number, with memory_gbs, for"
                        + " the VOPs' declared costs: the device has no vops of its own");
        assertThat(refused(withDevice(ROOFLINE_DEVICE.replace(", \"memory_gbs\": 8", ""))))
                .isEqualTo("profile bad.json: devices[0].memory_gbs: expected a positive number: peak_gops and"
                        + " memory_gbs make a roofline together");
    }

    @Test
    void aDevicesCorunSlowdownAppliesToEachVopWithoutItsOwn() {
        Profile p = ProfileReader.read(withDevice(GOOD_DEVICE.replace("\"vops\": {\"v\": {\"ns_per_cell\": 1}}",
                "\"corun_slowdown\": 1.5, \"vops\": {\"v\": {\"ns_per_cell\": 1}, \"w\": {\"ns_per_cell\": 1,"
                        + " \"corun_slowdown\": 1}}")), "ok");
        DeviceModel d = p.devices().get(0);
        assertThat(d.corunSlowdown()).isEqualTo(1.5);
        assertThat(d.vops().get("v").corunSlowdown()).isEqualTo(1.5);
        assertThat(d.vops().get("w").corunSlowdown()).isEqualTo(1.0);
        assertThat(ProfileReader.read(p.toJson(), "copy")).isEqualTo(p);
        assertThat(refused(withDevice(GOOD_DEVICE.replace("\"vops\"", "\"corun_slowdown\": 0.5, \"vops\""))))
                .isEqualTo("profile bad.json: devices[0].corun_slowdown: expected a number >= 1, got 0.5");
    }

    /** As ProfileWriter wrote it before declared costs. */
    private static final String MEASURED_JSON = """
            {
              "profile": "measured",
              "description": "m",
              "sources": [
                "s"
              ],
              "devices": [
                {
                  "name": "cpu",
                  "kind": "CPU",
                  "precision": "FP32",
                  "workers": 2,
                  "hlop_us": 1.5,
                  "vops": {
                    "Ops.a": {
                      "ns_per_cell": 0.5
                    },
                    "Ops.b": {
                      "ns_per_cell": 2,
                      "corun_slowdown": 1.25
                    }
                  }
                }
              ]
            }
            """;

    /** What ./shmt profile writes (MeasuredCosts builds such devices): its form is as before declared costs. */
    @Test
    void aMeasuredProfileIsWrittenAsBefore() {
        Map<String, VopCost> vops = new LinkedHashMap<>();
        vops.put("Ops.a", VopCost.measured(0.5).withCorunSlowdown(1));
        vops.put("Ops.b", VopCost.measured(2).withCorunSlowdown(1.25));
        DeviceModel cpu = new DeviceModel("cpu", dev.shmt.api.DeviceKind.CPU, dev.shmt.api.Precision.FP32, 2, 1_500,
                Double.NaN, Double.NaN, null, vops);
        Profile p = new Profile("measured", "m", List.of("s"), List.of(cpu));
        assertThat(p.toJson()).isEqualTo(MEASURED_JSON);
        assertThat(ProfileReader.read(p.toJson(), "copy")).isEqualTo(p);
    }

    @Test
    void anUnknownProfileNameIsRefusedWithTheShippedOnesListed() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Profile.load("no-such-board")))
                .hasMessageThat().isEqualTo("profile 'no-such-board' is neither a shipped profile "
                        + "(jetson-nano-edgetpu, jetson-orin-nano-edgetpu) nor a file");
    }
}
