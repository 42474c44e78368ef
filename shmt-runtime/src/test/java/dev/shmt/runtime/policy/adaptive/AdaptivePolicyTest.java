package dev.shmt.runtime.policy.adaptive;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.AdaptiveSettings;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Precision;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.ShmtRuntime;
import dev.shmt.runtime.device.CpuDevice;
import dev.shmt.runtime.spi.BaseDevice;
import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.testing.CopyVop;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adaptive policy's settings, refusals, reports and fail-over. */
class AdaptivePolicyTest {
    @Test
    void badSettingsAreRefusedNamingTheArgument() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> AdaptiveSettings.DEFAULTS.withAlpha(1.5)))
                .hasMessageThat().contains("alpha: expected a share from 0 to 1");
        assertThat(assertThrows(IllegalArgumentException.class, () -> AdaptiveSettings.DEFAULTS.within("adaptive")))
                .hasMessageThat().contains("within: expected a policy of several devices");
        assertThat(assertThrows(IllegalArgumentException.class, () -> AdaptiveSettings.Objective.parse("speed")))
                .hasMessageThat().contains("objective: expected time, energy or edp, got 'speed'");
        assertThat(AdaptiveSettings.Objective.parse(" EDP ")).isEqualTo(AdaptiveSettings.Objective.EDP);
    }

    @Test
    void anEnergyObjectiveWithoutEnergyMeasuredIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShmtRuntime.builder()
                .discoverDevices(false).addDevice(new CpuDevice("cpu", 1)).policy("adaptive")
                .adaptive(AdaptiveSettings.DEFAULTS.withoutCache().withObjective(AdaptiveSettings.Objective.ENERGY))
                .build());
        assertThat(e).hasMessageThat().contains("adaptive: objective energy needs the runtime to measure energy,"
                + " and energy is off");
    }

    @Test
    void everyReportSaysWhatRanAndWhy(@TempDir Path dir) throws Exception {
        Path p = AdaptiveRuns.profile(dir, "report", 100, 300, 4);
        try (ShmtRuntime rt = ShmtRuntime.builder().emulate(p.toString(), 1).policy("adaptive")
                .chunkHint(AdaptiveRuns.CHUNK).adaptive(AdaptiveSettings.DEFAULTS.withoutCache()).build()) {
            List<AdaptiveRuns.Call> calls = AdaptiveRuns.run(rt, 12);
            Report first = calls.get(0).report();
            assertThat(first.policy()).isEqualTo("adaptive");
            assertThat(first.choice().configuration()).isEqualTo("fast+slow (ws)");
            assertThat(first.choice().exploring()).isTrue();
            assertThat(first.toTable()).contains("exploring fast+slow (ws): nothing known yet");
            for (AdaptiveRuns.Call c : calls) {
                assertThat(c.choice()).isNotNull();
                // Where HLOPs ran matches the configuration: a device alone takes all of them.
                if (c.alone("fast")) {
                    assertThat(c.report().hlopsOn("slow")).isEqualTo(0);
                }
                if (c.choice().configuration().contains("tile x2")) {
                    assertThat(c.report().hlops()).hasSize(AdaptiveRuns.CELLS / AdaptiveRuns.CHUNK / 2);
                }
            }
        }
    }

    @Test
    void freshByDefaultIsASettingAndTheBuildsTestsUseIt() {
        // The build sets it (pom.xml), so that no test starts from what another one learned.
        assertThat(AdaptiveSettings.DEFAULTS.fresh()).isTrue();
        String was = System.getProperty("shmt.adaptive.fresh");
        try {
            System.setProperty("shmt.adaptive.fresh", "false");
            assertThat(AdaptiveSettings.defaultFresh()).isFalse();
            System.setProperty("shmt.adaptive.fresh", " TRUE ");
            assertThat(AdaptiveSettings.defaultFresh()).isTrue();
        } finally {
            if (was == null) {
                System.clearProperty("shmt.adaptive.fresh");
            } else {
                System.setProperty("shmt.adaptive.fresh", was);
            }
        }
    }

    @Test
    void otherPoliciesReportNoChoice() {
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new CpuDevice("cpu", 1))
                .policy("ws").build()) {
            FloatArray a = FloatArray.create(4096);
            assertThat(rt.execute(CopyVop.of(a, FloatArray.create(4096))).choice()).isNull();
        }
    }

    /** Refuses every HLOP: a broken accelerator. */
    private static final class Broken extends BaseDevice {
        Broken() {
            super("broken", DeviceKind.GPU, Precision.FP32, 1);
        }

        @Override
        public boolean supports(VopCall call) {
            return true;
        }

        @Override
        public Object run(Hlop hlop) {
            throw new IllegalStateException("injected: broken device");
        }
    }

    @Test
    void aDeviceItChoseThatFailsLosesNoWork_theOthersTakeItsHlops() {
        FloatArray a = FloatArray.create(16 * 1024);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, i);
        }
        // Failures are not quarantined here, so the broken device stays among the choices all along.
        try (ShmtRuntime rt = ShmtRuntime.builder().discoverDevices(false).addDevice(new Broken())
                .addDevice(new CpuDevice("cpu", 1)).quarantineAfter(0).policy("adaptive")
                // A generous budget, so it soon tries the broken device alone.
                .adaptive(AdaptiveSettings.DEFAULTS.withoutCache().withAlpha(1)).build()) {
            boolean sawBrokenAlone = false;
            List<String> seen = new java.util.ArrayList<>();
            for (int call = 0; call < 100 && !sawBrokenAlone; call++) {
                FloatArray out = FloatArray.create(a.length());
                Report r = rt.execute(CopyVop.of(a, out));
                for (int i = 0; i < a.length(); i++) {
                    assertThat(out.get(i)).isEqualTo(a.get(i));
                }
                assertThat(r.hlopsOn("broken")).isEqualTo(0);
                seen.add(r.choice().toString());
                if (r.choice().configuration().startsWith("broken alone")) {
                    sawBrokenAlone = true;
                    assertThat(r.retries()).isEqualTo(r.hlops().size());
                }
            }
            assertWithMessage("%s", seen).that(sawBrokenAlone).isTrue();
        }
    }
}
