package dev.shmt.spark;

import static com.google.common.truth.Truth.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped NPU discovery script on a stand-in /dev and /sys (no Edge TPU here), parsed by Spark's own
 * reader of discovery output.
 */
class DiscoveryScriptTest {
    @TempDir
    Path root;

    private ResourceInformation run() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("scripts/discover-npu.sh").toAbsolutePath().toString());
        pb.environment().put("SHMT_DISCOVERY_ROOT", root.toString());
        Process q = pb.start();
        String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(q.waitFor()).isEqualTo(0);
        return ResourceInformation.parseJson(out);
    }

    @Test
    void aHostWithoutAnEdgeTpuHasNoAddress() throws Exception {
        ResourceInformation info = run();
        assertThat(info.name()).isEqualTo("npu");
        assertThat(info.addresses()).isEmpty();
    }

    @Test
    void pcieAndUsbEdgeTpusEachGetAnAddress() throws Exception {
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/apex_0"));
        Path usb = Files.createDirectories(root.resolve("sys/bus/usb/devices/2-1"));
        Files.writeString(usb.resolve("idVendor"), "1a6e\n");
        Files.writeString(usb.resolve("idProduct"), "089a\n");
        Path other = Files.createDirectories(root.resolve("sys/bus/usb/devices/2-2"));
        Files.writeString(other.resolve("idVendor"), "046d\n");
        Files.writeString(other.resolve("idProduct"), "c52b\n");
        assertThat(run().addresses()).asList().containsExactly("0", "usb0");
    }
}
