package dev.shmt.npu.edgetpu;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which libedgetpu works with which TensorFlow Lite, as far as anyone has published: the facts the NPU
 * device's probe failures and {@code shmt doctor} cite. libedgetpu's delegate reads TFLite's C structs
 * directly, so a runtime built against another TensorFlow commit corrupts memory instead of failing
 * cleanly.
 */
public final class EdgeTpuPairings {
    /** libedgetpu and TFLite must come from one TensorFlow commit (Coral's maintainers, google-coral/pycoral#7). */
    public static final String SAME_COMMIT = "libedgetpu and TensorFlow Lite must be built from the same TensorFlow"
            + " commit (google-coral/pycoral#7)";

    /** The official Coral runtime's limit (google-coral/edgetpu#812). */
    public static final String OFFICIAL = "the official Coral runtime (libedgetpu 16.0, \"RuntimeVersion 14\")"
            + " works with TensorFlow Lite up to 2.11.1 and segfaults with newer releases (google-coral/edgetpu#812)";

    /** Community rebuilds: one libedgetpu per TFLite minor release. */
    public static final String COMMUNITY = "community rebuilds (github.com/feranick/libedgetpu, versions"
            + " \"16.0tf2.X\") pair with TensorFlow Lite 2.X, for 2.8 to 2.19";

    /** Newest TFLite minor (2.X) the official runtime works with. */
    static final int OFFICIAL_NEWEST_MINOR = 11;

    /** Oldest and newest TFLite minor a community rebuild is published for. */
    static final int COMMUNITY_OLDEST_MINOR = 8;
    static final int COMMUNITY_NEWEST_MINOR = 19;

    private static final Pattern TWO_DOT = Pattern.compile("^2\\.(\\d+)(?:\\.|$)");

    private EdgeTpuPairings() {}

    /** All three facts in one sentence. */
    public static String known() {
        return "Pairings known to work: " + OFFICIAL + "; " + COMMUNITY + "; in general " + SAME_COMMIT + ".";
    }

    /** The libedgetpu to install for TensorFlow Lite {@code tfliteVersion} (e.g. "2.20.0"). */
    public static String forTflite(String tfliteVersion) {
        Matcher m = TWO_DOT.matcher(tfliteVersion == null ? "" : tfliteVersion.trim());
        if (!m.find()) {
            return "No published libedgetpu is known to pair with TensorFlow Lite " + tfliteVersion + ".";
        }
        int minor = Integer.parseInt(m.group(1));
        String community = "feranick/libedgetpu 16.0tf2." + minor;
        if (minor <= OFFICIAL_NEWEST_MINOR && minor >= COMMUNITY_OLDEST_MINOR) {
            return "For TensorFlow Lite " + tfliteVersion + ": the official Coral runtime or " + community + ".";
        }
        if (minor <= OFFICIAL_NEWEST_MINOR) {
            return "For TensorFlow Lite " + tfliteVersion + ": the official Coral runtime.";
        }
        if (minor <= COMMUNITY_NEWEST_MINOR) {
            return "For TensorFlow Lite " + tfliteVersion + ": " + community + " (not the official Coral runtime).";
        }
        return "No published libedgetpu is built for TensorFlow Lite " + tfliteVersion + ": use an"
                + " org.bytedeco:tensorflow-lite release of 2.19 or older with its matching libedgetpu, or"
                + " SHMT_NPU=tflite-cpu.";
    }
}
