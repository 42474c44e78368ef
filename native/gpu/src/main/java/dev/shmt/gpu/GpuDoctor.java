package dev.shmt.gpu;

import com.google.auto.service.AutoService;
import dev.shmt.runtime.doctor.GlibcVersions;
import dev.shmt.runtime.doctor.HostRoot;
import dev.shmt.runtime.spi.DoctorCheck;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code shmt doctor}'s gpu section: the binding and its natives, the NVIDIA driver against the CUDA 10.2
 * floor, each GPU's compute capability against sm_53, and the kernel image that loads on it.
 */
@AutoService(DoctorCheck.class)
public final class GpuDoctor implements DoctorCheck {
    @Override
    public int order() {
        return 20;
    }

    @Override
    public Section check() {
        List<Finding> f = new ArrayList<>();
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        String platform = JcudaBinding.platform(os, arch);
        CudaBinding binding;
        try {
            binding = CudaBinding.configured();
        } catch (IllegalArgumentException e) {
            f.add(Finding.problem("binding", e.getMessage(), "unset it, or set auto, jcuda or jna"));
            return new Section("gpu", hasNvidiaHardware(), false, f);
        }
        String jcudaMissing = JcudaBinding.missing(os, arch, GpuDoctor.class.getClassLoader(),
                System.getProperty("java.library.path"));
        boolean jna = binding == CudaBinding.JNA || binding == CudaBinding.AUTO && jcudaMissing != null;
        GlibcVersions host = GlibcVersions.ofHost();
        if (jna) {
            f.add(natives("binding", "JNA " + com.sun.jna.Native.VERSION + " (direct mapping into "
                    + CudaBinding.LIBCUDA + ")" + (binding == CudaBinding.AUTO ? ", as JCuda has no natives for "
                    + platform : ""), "com/sun/jna/" + jnaPlatform(platform) + "/libjnidispatch.so", host));
        } else if (jcudaMissing != null) {
            f.add(Finding.problem("binding", jcudaMissing, "use " + CudaBinding.ENV + "=auto or jna"));
            return new Section("gpu", hasNvidiaHardware(), false, f);
        } else {
            f.add(natives("binding", "JCuda " + JcudaBinding.VERSION, "lib/" + JcudaBinding.libraryFile(platform), host));
        }
        CudaProbe probe = CudaProbe.get();
        boolean present = probe.driver() != null && (probe.driverVersion() > 0 || !probe.gpus().isEmpty())
                || hasNvidiaHardware();
        if (probe.cause() != null) {
            f.add(Finding.problem("driver", probe.cause(), driverFix(probe)));
            return new Section("gpu", present, false, f);
        }
        f.add(Finding.ok("driver", "CUDA " + CudaProbe.version(probe.driverVersion()) + " (the SDK needs 10.2 or newer)"));
        boolean usable = false;
        for (GpuDevice d : GpuDevice.detect(1)) {
            try {
                if (d.status().isAvailable()) {
                    usable = true;
                    f.add(Finding.ok(d.name(), d.detail()));
                } else {
                    f.add(Finding.problem(d.name(), d.status().cause(), "a GPU of compute capability 5.3 (Jetson Nano)"
                            + " or newer; see the cause for what did not load"));
                }
            } finally {
                d.close();
            }
        }
        return new Section("gpu", present, usable, f);
    }

    /** The binding's native library, checked against this machine's glibc before anything loads it. */
    private static Finding natives(String item, String what, String resource, GlibcVersions host) {
        GlibcVersions needed = GlibcVersions.neededByResource(GpuDoctor.class.getClassLoader(), resource);
        if (needed == null) {
            return Finding.ok(item, what);
        }
        String shortfall = needed.shortfall(host);
        return shortfall == null ? Finding.ok(item, what + "; its natives need " + needed.line())
                : Finding.problem(item, what + ": " + resource + " " + shortfall,
                        "a newer OS, or " + CudaBinding.ENV + "=jna where JCuda's natives are what is too new");
    }

    private static String jnaPlatform(String jcudaPlatform) {
        return jcudaPlatform.replace("x86_64", "x86-64");
    }

    /** A driver, a Jetson or /dev/nvidia0: this machine has an NVIDIA GPU even if nothing loads. */
    private static boolean hasNvidiaHardware() {
        return Files.exists(HostRoot.path("/dev/nvidia0")) || Files.exists(HostRoot.path("/etc/nv_tegra_release"));
    }

    private static String driverFix(CudaProbe probe) {
        String cause = probe.cause();
        if (cause.startsWith("no NVIDIA driver")) {
            return "install the NVIDIA driver (x86_64) or JetPack (Jetson); on a machine without an NVIDIA GPU"
                    + " the gpu device is simply absent";
        }
        if (cause.contains("too old")) {
            return "update the NVIDIA driver to CUDA 10.2 or newer (JetPack 4.6 on a Jetson)";
        }
        return "see the cause; ./shmt devices shows the same line";
    }
}
