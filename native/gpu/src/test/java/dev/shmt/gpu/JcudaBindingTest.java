package dev.shmt.gpu;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.GpuKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platform names, the missing-binding message a Jetson gets, and how load failures are worded. */
class JcudaBindingTest {
    @TempDir
    Path dir;

    @Test
    void platformNamesFollowJcuda() {
        assertThat(JcudaBinding.platform("Linux", "amd64")).isEqualTo("linux-x86_64");
        assertThat(JcudaBinding.platform("Linux", "aarch64")).isEqualTo("linux-aarch64");
        assertThat(JcudaBinding.platform("Windows 11", "amd64")).isEqualTo("windows-x86_64");
        assertThat(JcudaBinding.platform("Mac OS X", "x86_64")).isEqualTo("apple-x86_64");
        assertThat(JcudaBinding.libraryFile("linux-aarch64")).isEqualTo("libJCudaDriver-12.6.0-linux-aarch64.so");
    }

    @Test
    void jetsonWithoutABindingIsToldHowToSupplyOne() {
        String cause = JcudaBinding.missing("Linux", "aarch64", getClass().getClassLoader(), "/nowhere");
        assertThat(cause).isEqualTo("JCuda 12.6.0 has no native binding for linux-aarch64 (org.jcuda:jcuda-natives is"
                + " published for linux-x86_64 and windows-x86_64): build libJCudaDriver-12.6.0-linux-aarch64.so from"
                + " JCuda's sources against this machine's CUDA and put its folder on -Djava.library.path");
    }

    @Test
    void aBindingOnTheLibraryPathCounts() throws Exception {
        Files.createFile(dir.resolve("libJCudaDriver-12.6.0-linux-aarch64.so"));
        assertThat(JcudaBinding.missing("Linux", "aarch64", getClass().getClassLoader(), "/nowhere:" + dir)).isNull();
    }

    @Test
    void theX86BindingComesFromTheNativesJar() {
        // On linux-x86_64 builds, native/gpu/pom.xml puts org.jcuda:jcuda-natives on the class path.
        assertThat(JcudaBinding.missing("Linux", "amd64", getClass().getClassLoader(), "")).isNull();
    }

    @Test
    void loadFailuresNameTheMissingDriver() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open"
                + " shared object file: No such file or directory\n\tat jcuda.LibUtils.loadLibraryResource");
        assertThat(CudaProbe.loadFailure(e))
                .isEqualTo("no NVIDIA driver: libcuda.so.1: cannot open shared object file: No such file or directory");
        assertThat(CudaProbe.loadFailure(new UnsatisfiedLinkError("bad ELF class\nmore")))
                .isEqualTo("JCuda's driver binding did not load: bad ELF class");
    }

    @Test
    void launchGeometryCoversTheTile() {
        assertThat(KernelLaunch.geometry(GpuKernel.Launch.PER_CELL, 1, 1000)).asList().containsExactly(4, 1, 256, 1).inOrder();
        assertThat(KernelLaunch.geometry(GpuKernel.Launch.PER_CELL, 100, 1000)).asList()
                .containsExactly(32, 13, 32, 8).inOrder();
        assertThat(KernelLaunch.geometry(GpuKernel.Launch.PER_CELL, 8, 32)).asList().containsExactly(1, 1, 32, 8).inOrder();
        assertThat(KernelLaunch.geometry(GpuKernel.Launch.PER_ROW, 77, 4096)).asList().containsExactly(77, 1, 256, 1).inOrder();
    }

    @Test
    void architecturesBelowTheNanoAreRefused() {
        assertThat(new GpuInfo(0, "T4", 7, 5, 40, 16L << 30).supported()).isTrue();
        assertThat(new GpuInfo(0, "Xavier", 7, 2, 8, 16L << 30).supported()).isTrue();
        assertThat(new GpuInfo(0, "Nano", 5, 3, 1, 4L << 30).supported()).isTrue();
        assertThat(new GpuInfo(0, "GTX 980", 5, 2, 16, 4L << 30).supported()).isFalse();
        assertThat(new GpuInfo(0, "Orin", 8, 7, 16, 32L << 30).line()).isEqualTo("Orin, sm_87, 16 SMs, 32.0 GiB");
    }
}
