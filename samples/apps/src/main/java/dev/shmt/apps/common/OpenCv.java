package dev.shmt.apps.common;

import dev.shmt.apps.BenchApp;
import java.util.function.Supplier;

/**
 * OpenCV's Java binding (org.openpnp:opencv), when the user puts it on the class path: the bench then times
 * its one-thread {@code Laplacian}, {@code blur} and {@code calcHist} beside our kernels, and measures those
 * apps' speedups against whichever is faster. It is not in the shaded jar (110 MB of natives for every
 * platform); {@code SHMT_CLASSPATH=.../opencv-4.9.0-0.jar ./shmt bench ...} adds it.
 */
public final class OpenCv {
    /** The row's label. */
    public static final String NAME = "lib:opencv";
    private static final String FAILURE = load();

    private OpenCv() {}

    /** {@code make}'s library, or a row that says why OpenCV cannot run here. */
    public static BenchApp.Library orUnavailable(Supplier<BenchApp.Library> make) {
        return FAILURE == null ? make.get() : new Unavailable(FAILURE);
    }

    /**
     * One OpenCV thread for the calling thread. Set on the thread that runs each call: with an OpenMP build
     * the setting is per thread, and a pool left at its default also spins on the cores our CPU device
     * runs on, slowing it several times over (docs/measurements.md).
     */
    public static void oneThread() {
        Native.oneThread();
    }

    private static String load() {
        try {
            Class.forName("nu.pattern.OpenCV", false, OpenCv.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "OpenCV's Java binding is not on the class path (SHMT_CLASSPATH=<path to org.openpnp:opencv's jar>"
                    + " ./shmt bench ... adds it; a Maven build leaves it in ~/.m2/repository/org/openpnp/opencv)";
        }
        try {
            Native.load();
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "OpenCV's native library did not load: " + e;
        }
    }

    /** Touches OpenCV's classes only once they are known to be there. */
    private static final class Native {
        static void load() {
            nu.pattern.OpenCV.loadLocally();
            oneThread();
        }

        /** One thread, as every other single-device row of the bench runs. */
        static void oneThread() {
            if (org.opencv.core.Core.getNumThreads() != 1) {
                org.opencv.core.Core.setNumThreads(1);
            }
        }
    }

    private record Unavailable(String unavailable) implements BenchApp.Library {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void run() {
            throw new IllegalStateException(unavailable);
        }

        @Override
        public BenchApp.Quality quality() {
            throw new IllegalStateException(unavailable);
        }
    }
}
