package dev.shmt.runtime.doctor;

import com.google.auto.service.AutoService;
import dev.shmt.runtime.affinity.CoreSets;
import dev.shmt.runtime.spi.DoctorCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine itself: architecture and JVM, Jetson model and L4T release, glibc and libstdc++, cores and the
 * core sets devices are pinned to. Device checks compare their natives against what it reads here.
 */
@AutoService(DoctorCheck.class)
public final class MachineCheck implements DoctorCheck {
    @Override
    public int order() {
        return 0;
    }

    @Override
    public Section check() {
        List<Finding> f = new ArrayList<>();
        String arch = System.getProperty("os.arch");
        String os = System.getProperty("os.name");
        boolean supportedArch = os.toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("aarch64") || arch.equals("amd64") || arch.equals("x86_64"));
        f.add(supportedArch ? Finding.ok("architecture", os + " " + arch)
                : Finding.problem("architecture", os + " " + arch,
                        "the gpu and npu devices are built for Linux on aarch64 (Jetson) and x86_64; the cpu device runs anywhere"));
        int feature = Runtime.version().feature();
        String jvm = "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")";
        f.add(feature >= 17 ? Finding.ok("JVM", jvm) : Finding.problem("JVM", jvm, "install a JDK or JRE 17 or newer"));
        Jetson jetson = Jetson.read();
        if (jetson.isJetson()) {
            f.add(jetson.jetpack() != 0 ? Finding.ok("Jetson", jetson.model() + ", " + jetson.jetpackLine())
                    : Finding.problem("Jetson", jetson.model() + ", " + jetson.jetpackLine(),
                            "the SDK knows JetPack 4.6 (L4T R32), 5 (R35) and 6 (R36); build with -Djetpack=4|5|6"));
        } else {
            f.add(Finding.ok("Jetson", "not a Jetson (no /etc/nv_tegra_release)"));
        }
        GlibcVersions host = GlibcVersions.ofHost();
        f.add(host.glibc().isEmpty() ? Finding.problem("glibc", "no libc.so.6 found in the usual folders",
                "the gpu and npu natives need glibc; musl-based systems (Alpine) cannot load them")
                : Finding.ok("glibc", "glibc " + host.glibc() + ", libstdc++ with "
                        + (host.glibcxx().isEmpty() ? "no GLIBCXX_ (not found)" : "GLIBCXX_" + host.glibcxx())));
        f.add(cores());
        return new Section("machine", true, supportedArch && feature >= 17, f);
    }

    private static Finding cores() {
        String online = HostRoot.read("/sys/devices/system/cpu/online");
        String found = Runtime.getRuntime().availableProcessors() + " cores for this JVM"
                + (online == null ? "" : " (online: " + online + ")");
        try {
            CoreSets sets = CoreSets.fromEnvironment();
            String how = sets.off() ? "core sets: none (devices not pinned)"
                    : sets.auto() ? "core sets: auto (each device that computes on host cores gets its own)"
                    : "core sets: " + sets.sets().keySet().stream().map(d -> d + ":" + sets.sets().get(d))
                            .reduce((a, b) -> a + "," + b).orElse("") + " (" + sets.source() + ")";
            return Finding.ok("cores", found + "; " + how);
        } catch (IllegalArgumentException e) {
            return Finding.problem("cores", found + "; " + e.getMessage(),
                    "set " + CoreSets.ENV + " to device:cores entries such as cpu:0-2,npu:3, or to auto or none");
        }
    }
}
