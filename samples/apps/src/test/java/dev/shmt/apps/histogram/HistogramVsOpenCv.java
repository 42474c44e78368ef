package dev.shmt.apps.histogram;

import dev.shmt.api.FloatArray;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.common.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nu.pattern.OpenCV;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.imgproc.Imgproc;

/**
 * {@link Histogram#hist256} (the CPU body on the whole image, one thread) against OpenCV's
 * {@code Imgproc.calcHist} with 256 bins over [0, 256) on the same structured float image (CV_32F), the
 * paper's baseline. The bins must be equal first, on the image and on pixels outside the range (NaN,
 * infinities, just below 0 and at 256, which both drop); then both are timed, interleaved, with OpenCV on one
 * thread and on its default threads. Run with {@code mvn -B -q -pl samples/apps test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.shmt.apps.histogram.HistogramVsOpenCv} (arguments: image
 * sides, default {@code 2048 4096}).
 */
public final class HistogramVsOpenCv {
    private HistogramVsOpenCv() {}

    public static void main(String[] args) {
        OpenCV.loadLocally();
        List<Integer> sides = new ArrayList<>();
        for (String a : args) {
            sides.add(side(a));
        }
        if (sides.isEmpty()) {
            sides.addAll(List.of(2048, 4096));
        }
        int defaultThreads = Core.getNumThreads();
        System.out.printf(Locale.ROOT, "%s, OpenCV %s (default threads %d), %d cores%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), Core.VERSION,
                defaultThreads, Runtime.getRuntime().availableProcessors());
        sameOutsideTheRange();
        for (int n : sides) {
            compare(n, defaultThreads);
        }
    }

    private static int side(String arg) {
        int n;
        try {
            n = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException("arguments are image sides (whole numbers >= 1); got '" + arg + "'");
        }
        return n;
    }

    /** calcHist into a new 256 x 1 CV_32F Mat, as long counts. */
    private static long[] calcHist(Mat image, Mat hist) {
        Imgproc.calcHist(List.of(image), new MatOfInt(0), new Mat(), hist, new MatOfInt(Histogram.BINS),
                new MatOfFloat(0f, 256f));
        float[] f = new float[Histogram.BINS];
        hist.get(0, 0, f);
        long[] bins = new long[f.length];
        for (int k = 0; k < f.length; k++) {
            bins[k] = (long) f[k];
        }
        return bins;
    }

    private static void check(String what, long[] ours, long[] theirs, long[] plain) {
        if (!java.util.Arrays.equals(ours, plain) || !java.util.Arrays.equals(theirs, plain)) {
            for (int k = 0; k < Histogram.BINS; k++) {
                if (ours[k] != plain[k] || theirs[k] != plain[k]) {
                    throw new IllegalStateException(what + ": bin " + k + ": shmt " + ours[k] + ", opencv " + theirs[k]
                            + ", plain count " + plain[k]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: all %d bins equal (shmt, opencv, plain count)%n", what, Histogram.BINS);
    }

    private static void sameOutsideTheRange() {
        float[] a = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, Math.nextDown(0f), -1f,
            0.5f, 1f, 254.99998f, Math.nextDown(256f), 256f, 300f, 17.25f, 17.75f, 18f};
        Mat in = new Mat(1, a.length, CvType.CV_32F);
        in.put(0, 0, a);
        Mat hist = new Mat();
        check("values outside [0, 256), NaN, edges", Histogram.hist256(FloatArray.wrap(a)), calcHist(in, hist),
                Histogram.reference(a, 0, a.length));
        in.release();
        hist.release();
    }

    private static void compare(int n, int defaultThreads) {
        float[] pixels = Images.structured(n, n, 42).array();
        FloatArray px = FloatArray.wrap(pixels);
        Mat in = new Mat(n, n, CvType.CV_32F);
        in.put(0, 0, pixels);
        Mat hist = new Mat();
        // Same answer first: a faster wrong count would prove nothing.
        check(String.format(Locale.ROOT, "%dx%d structured image", n, n), Histogram.hist256(px), calcHist(in, hist),
                Histogram.reference(pixels, 0, pixels.length));

        long[] sink = new long[1];
        Runnable shmt = () -> sink[0] += Histogram.hist256(px)[128];
        Runnable cv = () -> Imgproc.calcHist(List.of(in), new MatOfInt(0), new Mat(), hist,
                new MatOfInt(Histogram.BINS), new MatOfFloat(0f, 256f));
        double scale = 2048.0 * 2048 / ((double) n * n);
        int warmup = Math.max(20, (int) (60 * scale));
        int repeat = Math.max(11, (int) (31 * scale)) | 1;
        Core.setNumThreads(1);
        Timing.compare(String.format(Locale.ROOT, "histogram %dx%d, OpenCV on 1 thread", n, n), "shmt", shmt,
                "opencv", cv, warmup, repeat);
        Core.setNumThreads(defaultThreads);
        Timing.compare(String.format(Locale.ROOT, "histogram %dx%d, OpenCV on %d threads (its default)", n, n,
                Core.getNumThreads()), "shmt", shmt, "opencv", cv, warmup, repeat);
        in.release();
        hist.release();
        if (sink[0] == 42) {
            System.out.println(); // keeps the results live
        }
    }
}
