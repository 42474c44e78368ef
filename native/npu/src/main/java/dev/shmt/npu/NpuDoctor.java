package dev.shmt.npu;

import com.google.auto.service.AutoService;
import dev.shmt.npu.edgetpu.EdgeTpuPairings;
import dev.shmt.npu.tflite.TfLiteLibrary;
import dev.shmt.runtime.doctor.GlibcVersions;
import dev.shmt.runtime.doctor.HostRoot;
import dev.shmt.runtime.spi.DoctorCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;

/**
 * {@code shmt doctor}'s npu section: TensorFlow Lite's natives against this machine's glibc and libstdc++,
 * the Edge TPUs on PCIe ({@code /dev/apex_N}) and USB (ids 1a6e:089a before its firmware loads, 18d1:9302
 * after) with their permissions, libedgetpu and the verdict of its probe in a child process.
 */
@AutoService(DoctorCheck.class)
public final class NpuDoctor implements DoctorCheck {
    static final String UDEV_APEX = "SUBSYSTEM==\"apex\", MODE=\"0660\", GROUP=\"apex\" (then add yourself to the apex"
            + " group)";
    static final String UDEV_USB = "SUBSYSTEMS==\"usb\", ATTRS{idVendor}==\"1a6e\", ATTRS{idProduct}==\"089a\","
            + " MODE=\"0664\", TAG+=\"uaccess\" and the same for 18d1:9302 (the Coral packages install these rules)";

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Section check() {
        List<Finding> f = new ArrayList<>();
        String platform = Loader.getPlatform();
        GlibcVersions host = GlibcVersions.ofHost();
        String release = TfLiteLibrary.artifactVersion();
        boolean nativesOk = true;
        for (String lib : List.of("org/bytedeco/tensorflowlite/" + platform + "/libjnitensorflowlite.so",
                "org/bytedeco/javacpp/" + platform + "/libjnijavacpp.so")) {
            GlibcVersions needed = GlibcVersions.neededByResource(NpuDoctor.class.getClassLoader(), lib);
            if (needed == null) {
                f.add(Finding.problem("natives", "no " + lib + " on the class path",
                        "build for this platform (" + platform + "); on a Jetson the build picks linux-arm64"));
                nativesOk = false;
                continue;
            }
            String shortfall = needed.shortfall(host);
            String name = lib.substring(lib.lastIndexOf('/') + 1);
            if (shortfall == null) {
                f.add(Finding.ok("natives", name + " (" + platform + ") needs " + needed.line()));
            } else {
                nativesOk = false;
                f.add(Finding.problem("natives", name + " of org.bytedeco:tensorflow-lite " + release + " " + shortfall,
                        "build with the JetPack that matches this OS: -Djetpack=4 (Ubuntu 18.04) or -Djetpack=5"
                                + " (Ubuntu 20.04)"));
            }
        }
        String tflite = null;
        if (nativesOk) {
            try {
                TfLiteLibrary lib = TfLiteLibrary.get();
                tflite = lib.version();
                f.add(Finding.ok("TensorFlow Lite", lib.release()));
            } catch (IllegalStateException e) {
                f.add(Finding.problem("TensorFlow Lite", e.getMessage(), "see the cause"));
            }
        }
        List<String> tpus = new ArrayList<>();
        tpus.addAll(pcie(f));
        tpus.addAll(usb(f));
        if (tpus.isEmpty()) {
            f.add(Finding.ok("Edge TPU", "none on PCIe (/dev/apex_*) or USB (1a6e:089a, 18d1:9302)"));
        }
        boolean onTpu = false;
        boolean available = false;
        if (tflite != null) {
            try (NpuDevice npu = NpuDevice.detect(1)) {
                available = npu.status().isAvailable();
                onTpu = npu.onEdgeTpu();
                String line = npu.statusLine();
                if (!tpus.isEmpty() && !onTpu) {
                    f.add(Finding.problem("libedgetpu", line, libedgetpuFix(tflite)));
                } else {
                    f.add(available ? Finding.ok("npu", line) : Finding.problem("npu", line, "see the cause"));
                }
                if (npu.edgeTpuProbe() != null) {
                    f.add(new Finding(onTpu, "probe", npu.edgeTpuProbe(), onTpu ? "" : libedgetpuFix(tflite)));
                }
            }
        }
        return new Section("npu", true, available && (tpus.isEmpty() || onTpu), f);
    }

    private static String libedgetpuFix(String tflite) {
        return EdgeTpuPairings.forTflite(tflite) + " Install it as libedgetpu.so.1 on the library path or name it in"
                + " SHMT_EDGETPU_LIBRARY; " + EdgeTpuPairings.SAME_COMMIT + ".";
    }

    /** PCIe/M.2 Edge TPUs: /dev/apex_N, which this user must be able to read and write. */
    private static List<String> pcie(List<Finding> f) {
        List<String> out = new ArrayList<>();
        Path dev = HostRoot.path("/dev");
        try (Stream<Path> s = Files.list(dev)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("apex_")).sorted().toList()) {
                out.add(p.getFileName().toString());
                boolean rw = Files.isReadable(p) && Files.isWritable(p);
                f.add(rw ? Finding.ok("Edge TPU", "/dev/" + p.getFileName() + " (PCIe), readable and writable")
                        : Finding.problem("Edge TPU", "/dev/" + p.getFileName() + " (PCIe) is not readable and writable"
                                + " by this user", "a udev rule: " + UDEV_APEX));
            }
        } catch (IOException | SecurityException e) {
            // no /dev to list: no PCIe TPU to report
        }
        return out;
    }

    /** USB Edge TPUs by vendor and product id in sysfs, and their /dev/bus/usb node's permissions. */
    private static List<String> usb(List<Finding> f) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(HostRoot.path("/sys/bus/usb/devices"))) {
            for (Path d : s.sorted().toList()) {
                String id = read(d.resolve("idVendor")) + ":" + read(d.resolve("idProduct"));
                if (!id.equals("1a6e:089a") && !id.equals("18d1:9302")) {
                    continue;
                }
                out.add(id);
                String node = String.format("/dev/bus/usb/%03d/%03d", parse(read(d.resolve("busnum"))),
                        parse(read(d.resolve("devnum"))));
                Path p = HostRoot.path(node);
                boolean rw = Files.isReadable(p) && Files.isWritable(p);
                String what = "USB " + id + (id.equals("1a6e:089a") ? " (firmware not loaded yet)" : "") + " at " + node;
                f.add(rw ? Finding.ok("Edge TPU", what + ", readable and writable")
                        : Finding.problem("Edge TPU", what + " is not readable and writable by this user",
                                "a udev rule: " + UDEV_USB));
            }
        } catch (IOException | SecurityException e) {
            // no sysfs: no USB TPU to report
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
