package dev.shmt.gpu;

import java.io.File;
import java.util.Locale;

/**
 * Where JCuda's native driver binding comes from. JCuda loads {@code libJCudaDriver-<version>-<platform>}
 * from java.library.path or from its natives jar, which Maven Central carries for linux-x86_64 and
 * windows-x86_64 only: on a Jetson (linux-aarch64) users build it themselves.
 */
final class JcudaBinding {
    static final String VERSION = "12.6.0";

    private JcudaBinding() {}

    /** JCuda's platform name: "linux-x86_64", "linux-aarch64", "windows-x86_64", ... */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String o = os.startsWith("windows") ? "windows" : os.startsWith("mac") || os.startsWith("darwin") ? "apple"
                : os.startsWith("linux") ? "linux" : os.replace(' ', '_');
        String arch = osArch.toLowerCase(Locale.ROOT);
        String a = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "ppc64le" -> "ppc_64";
            default -> arch;
        };
        return o + "-" + a;
    }

    static String libraryFile(String platform) {
        String name = "JCudaDriver-" + VERSION + "-" + platform;
        return platform.startsWith("windows") ? name + ".dll" : platform.startsWith("apple") ? "lib" + name + ".dylib"
                : "lib" + name + ".so";
    }

    /**
     * Null when the binding for this platform is on the class path or java.library.path; otherwise what
     * is missing and how to supply it.
     */
    static String missing(String osName, String osArch, ClassLoader loader, String libraryPath) {
        String platform = platform(osName, osArch);
        String file = libraryFile(platform);
        if (loader.getResource("lib/" + file) != null) {
            return null;
        }
        if (libraryPath != null) {
            for (String dir : libraryPath.split(File.pathSeparator)) {
                if (!dir.isEmpty() && new File(dir, file).isFile()) {
                    return null;
                }
            }
        }
        return "JCuda " + VERSION + " has no native binding for " + platform + " (org.jcuda:jcuda-natives is published"
                + " for linux-x86_64 and windows-x86_64): build " + file + " from JCuda's sources against this"
                + " machine's CUDA and put its folder on -Djava.library.path";
    }
}
