package dev.shmt.runtime.doctor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jetson this is, read from the device tree's model and L4T's {@code /etc/nv_tegra_release}
 * ("# R32 (release), REVISION: 7.1, ..."), and the JetPack and Ubuntu that L4T release ships with.
 *
 * @param model "NVIDIA Jetson Nano Developer Kit", or null when not a Jetson
 * @param l4t "R32.7.1", or null
 * @param jetpack 4, 5 or 6, or 0 when unknown
 */
public record Jetson(String model, String l4t, int jetpack) {
    private static final Pattern RELEASE = Pattern.compile("R(\\d+)\\s*\\(release\\),\\s*REVISION:\\s*([0-9.]+)");

    public static Jetson read() {
        String tegra = HostRoot.read("/etc/nv_tegra_release");
        String model = HostRoot.read("/proc/device-tree/model");
        String l4t = null;
        int jetpack = 0;
        if (tegra != null) {
            Matcher m = RELEASE.matcher(tegra);
            if (m.find()) {
                l4t = "R" + m.group(1) + "." + m.group(2);
                jetpack = jetpackOf(Integer.parseInt(m.group(1)));
            }
        }
        boolean jetson = tegra != null || model != null && model.contains("Jetson");
        return new Jetson(jetson ? (model == null ? "Jetson (model unknown)" : model) : null, l4t, jetpack);
    }

    /** L4T R32 is JetPack 4 (Ubuntu 18.04), R35 JetPack 5 (20.04), R36 JetPack 6 (22.04). */
    static int jetpackOf(int l4tMajor) {
        return switch (l4tMajor) {
            case 32 -> 4;
            case 34, 35 -> 5;
            case 36 -> 6;
            default -> 0;
        };
    }

    public boolean isJetson() {
        return model != null;
    }

    /** "JetPack 4.6 (Ubuntu 18.04)"-like text for the release. */
    public String jetpackLine() {
        return switch (jetpack) {
            case 4 -> "JetPack 4 (L4T " + l4t + ", Ubuntu 18.04, CUDA 10.2)";
            case 5 -> "JetPack 5 (L4T " + l4t + ", Ubuntu 20.04, CUDA 11.4)";
            case 6 -> "JetPack 6 (L4T " + l4t + ", Ubuntu 22.04, CUDA 12.2+)";
            default -> l4t == null ? "L4T release unknown (no readable /etc/nv_tegra_release)" : "L4T " + l4t;
        };
    }
}
