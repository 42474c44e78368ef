package dev.shmt.runtime.doctor;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The L4T release and JetPack read from a played Jetson's files. */
class JetsonTest {
    @TempDir
    Path root;

    @AfterEach
    void clear() {
        System.clearProperty(HostRoot.PROPERTY);
    }

    private Jetson play(String release, String model) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("proc/device-tree"));
        if (release != null) {
            Files.writeString(root.resolve("etc/nv_tegra_release"), release);
        }
        if (model != null) {
            Files.writeString(root.resolve("proc/device-tree/model"), model + "\0");
        }
        System.setProperty(HostRoot.PROPERTY, root.toString());
        return Jetson.read();
    }

    @Test
    void eachL4tReleaseGivesItsJetPack() throws Exception {
        assertThat(play("# R32 (release), REVISION: 7.4, GCID: 1", "NVIDIA Jetson Nano Developer Kit"))
                .isEqualTo(new Jetson("NVIDIA Jetson Nano Developer Kit", "R32.7.4", 4));
        assertThat(play("# R35 (release), REVISION: 5.0, GCID: 2", "Jetson AGX Xavier").jetpack()).isEqualTo(5);
        Jetson orin = play("# R36 (release), REVISION: 4.3, GCID: 3", "NVIDIA Jetson AGX Orin Developer Kit");
        assertThat(orin.jetpack()).isEqualTo(6);
        assertThat(orin.jetpackLine()).isEqualTo("JetPack 6 (L4T R36.4.3, Ubuntu 22.04, CUDA 12.2+)");
    }

    @Test
    void aMachineWithoutL4tIsNoJetson() throws Exception {
        assertThat(play(null, null).isJetson()).isFalse();
        assertThat(play("garbled", "NVIDIA Jetson Nano").jetpackLine())
                .isEqualTo("L4T release unknown (no readable /etc/nv_tegra_release)");
    }
}
