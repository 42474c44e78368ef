package dev.shmt.samples.compare;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.samples.ImageOps;
import dev.shmt.samples.Images;
import java.util.Locale;
import nu.pattern.OpenCV;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The Sobel CPU kernel ({@link ImageOps#sobel} called on the whole image, one thread) against OpenCV's
 * Java binding doing the same job: {@code Imgproc.Sobel} dx and dy (CV_32F, ksize 3, BORDER_REFLECT_101)
 * and {@code Core.magnitude}, on the same structured float image. Both answers are first checked against
 * the double reference; then both are timed, interleaved, with OpenCV on one thread and on its default
 * threads. Run with
 * {@code mvn -B -q -pl samples test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.shmt.samples.compare.SobelVsOpenCv} (arguments: image sides, default 2048 4096).
 */
public final class SobelVsOpenCv {
    /**
     * The most either answer may differ from the double reference: fp32 rounding of sums below 1024 and a
     * magnitude below 1443 stays under 4e-4 (SobelCpuTest derives it), whatever the order of operations.
     */
    private static final double FP32_BOUND = 1e-3;

    private SobelVsOpenCv() {}

    public static void main(String[] args) {
        OpenCV.loadLocally();
        int[] sides = args.length == 0 ? new int[] {2048, 4096} : parseSides(args);
        int defaultThreads = Core.getNumThreads();
        System.out.printf(Locale.ROOT, "%s, OpenCV %s (default threads %d), %d cores%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), Core.VERSION,
                defaultThreads, Runtime.getRuntime().availableProcessors());
        for (int n : sides) {
            compare(n, defaultThreads);
        }
    }

    private static int[] parseSides(String[] args) {
        int[] sides = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            try {
                sides[i] = Integer.parseInt(args[i]);
            } catch (NumberFormatException e) {
                sides[i] = 0;
            }
            if (sides[i] < 3) {
                throw new IllegalArgumentException("image side must be a whole number >= 3, got '" + args[i] + "'");
            }
        }
        return sides;
    }

    private static void compare(int n, int defaultThreads) {
        FloatMatrix src = Images.structured(n, n, 42).withBorder(Border.REFLECT_101);
        FloatMatrix ours = FloatMatrix.create(n, n);
        Mat in = new Mat(n, n, CvType.CV_32F);
        in.put(0, 0, src.array());
        Mat gx = new Mat(n, n, CvType.CV_32F);
        Mat gy = new Mat(n, n, CvType.CV_32F);
        Mat mag = new Mat(n, n, CvType.CV_32F);
        Runnable shmt = () -> ImageOps.sobel(src, ours);
        Runnable cv = () -> {
            Imgproc.Sobel(in, gx, CvType.CV_32F, 1, 0, 3, 1, 0, Core.BORDER_REFLECT_101);
            Imgproc.Sobel(in, gy, CvType.CV_32F, 0, 1, 3, 1, 0, Core.BORDER_REFLECT_101);
            Core.magnitude(gx, gy, mag);
        };

        // Same answer first: a faster wrong kernel would prove nothing.
        shmt.run();
        cv.run();
        float[] theirs = new float[n * n];
        mag.get(0, 0, theirs);
        double[] ref = ImageOps.sobelReference(src);
        double oursErr = maxError(ours.array(), ref);
        double cvErr = maxError(theirs, ref);
        double apart = 0;
        for (int i = 0; i < theirs.length; i++) {
            apart = Math.max(apart, Math.abs(ours.array()[i] - theirs[i]));
        }
        System.out.printf(Locale.ROOT, "%nsobel %dx%d: max |shmt - double ref| %.2e, max |opencv - double ref| %.2e,"
                + " max |shmt - opencv| %.2e%n", n, n, oursErr, cvErr, apart);
        if (!(oursErr <= FP32_BOUND && cvErr <= FP32_BOUND)) { // NaN fails too
            throw new IllegalStateException("the two Sobel answers disagree beyond fp32 rounding (" + FP32_BOUND + ")");
        }

        // Scaled to the image: at 2048 x 2048, 100 warm-up calls and 21 timed ones. C2 compiles the row loop
        // of SobelInterior.run, with the vectorized loops inlined, only after about 55 calls at this size;
        // until then a call takes twice as long.
        double scale = 2048.0 * 2048 / ((double) n * n);
        int warmup = Math.max(25, (int) (100 * scale));
        int repeat = Math.max(11, (int) (21 * scale)) | 1;
        Core.setNumThreads(1);
        Timing.compare(String.format(Locale.ROOT, "sobel %dx%d, OpenCV on 1 thread", n, n),
                "shmt", shmt, "opencv", cv, warmup, repeat);
        Core.setNumThreads(defaultThreads);
        Timing.compare(String.format(Locale.ROOT, "sobel %dx%d, OpenCV on %d threads (its default)", n, n,
                Core.getNumThreads()), "shmt", shmt, "opencv", cv, warmup, repeat);
        in.release();
        gx.release();
        gy.release();
        mag.release();
    }

    private static double maxError(float[] got, double[] ref) {
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - ref[i]));
        }
        return worst;
    }
}
