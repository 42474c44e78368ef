package dev.shmt.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.shmt.cli.BenchCommandTest.shmt;

import dev.shmt.runtime.doctor.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shmt doctor} on this machine, and on a played Jetson Nano with a Coral but no driver or libedgetpu. */
class DoctorCommandTest {
    @TempDir
    Path root;

    @AfterEach
    void clear() {
        System.clearProperty(HostRoot.PROPERTY);
    }

    @Test
    void thisMachineGetsASectionPerDeviceAndAnExitCodeThatMatchesThem() {
        BenchCommandTest.Run r = shmt("doctor");
        assertThat(r.out()).contains("machine: OK");
        assertThat(r.out()).contains("  [ok] JVM: Java ");
        assertThat(r.out()).containsMatch("(?m)^gpu: ");
        assertThat(r.out()).containsMatch("(?m)^npu: ");
        assertThat(r.out()).contains("  [ok] TensorFlow Lite: ");
        boolean anyUnusable = r.out().contains(": NOT USABLE");
        assertWithMessage(r.out()).that(r.code()).isEqualTo(anyUnusable ? 1 : 0);
        assertThat(r.out()).contains(anyUnusable ? "doctor: not usable: " : "doctor: every device this machine has is usable");
    }

    @Test
    void aNanoWithACoralButNoDriverOrLibedgetpuFailsWithTheFixes() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/nv_tegra_release"),
                "# R32 (release), REVISION: 7.1, GCID: 29818004, BOARD: t210ref, EABI: aarch64, DATE: Sat Feb 19 17:05:08 UTC 2022\n");
        Files.createDirectories(root.resolve("proc/device-tree"));
        Files.writeString(root.resolve("proc/device-tree/model"), "NVIDIA Jetson Nano Developer Kit\0");
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/apex_0"));
        Path usb = Files.createDirectories(root.resolve("sys/bus/usb/devices/2-1"));
        Files.writeString(usb.resolve("idVendor"), "18d1\n");
        Files.writeString(usb.resolve("idProduct"), "9302\n");
        Files.writeString(usb.resolve("busnum"), "2\n");
        Files.writeString(usb.resolve("devnum"), "3\n");
        System.setProperty(HostRoot.PROPERTY, root.toString());

        BenchCommandTest.Run r = shmt("doctor");
        assertWithMessage(r.out()).that(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("  [ok] Jetson: NVIDIA Jetson Nano Developer Kit, JetPack 4 (L4T R32.7.1, Ubuntu 18.04,"
                + " CUDA 10.2)");
        assertThat(r.out()).contains("  [ok] Edge TPU: /dev/apex_0 (PCIe), readable and writable");
        // No /dev/bus/usb node in the played root: the USB TPU is there, its node is not accessible.
        assertThat(r.out()).contains("  [!!] Edge TPU: USB 18d1:9302 at /dev/bus/usb/002/003 is not readable and writable");
        assertThat(r.out()).contains("fix: a udev rule: SUBSYSTEMS==\"usb\"");
        assertThat(r.out()).contains("npu: NOT USABLE");
        assertThat(r.out()).contains("  [!!] libedgetpu: npu (tflite-cpu): ");
        if (r.out().contains("gpu: OK")) {
            // A JVM with a libcuda (the gpu executions put the host stand-in on its path) has a working gpu.
            assertThat(r.out()).contains("doctor: not usable: npu");
        } else {
            assertThat(r.out()).contains("gpu: NOT USABLE");
            assertThat(r.out()).contains("fix: install the NVIDIA driver (x86_64) or JetPack (Jetson)");
            assertThat(r.out()).contains("doctor: not usable: gpu, npu");
        }
    }
}
