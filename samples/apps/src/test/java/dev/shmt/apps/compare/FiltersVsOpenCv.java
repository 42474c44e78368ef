package dev.shmt.apps.compare;

import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.common.Timing;
import dev.shmt.apps.laplacian.Laplacian;
import dev.shmt.apps.meanfilter.MeanFilter;
import dev.shmt.apps.sobel.Sobel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import nu.pattern.OpenCV;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The image filters' CPU kernels ({@link Sobel#sobel}, {@link Laplacian#laplacian}, {@link MeanFilter#mean3}
 * called on the whole image, one thread) against OpenCV's Java binding doing the same job on the same
 * structured float image (CV_32F, BORDER_REFLECT_101): {@code Imgproc.Sobel} dx and dy (ksize 3) with
 * {@code Core.magnitude}; {@code Imgproc.Laplacian} (ksize 1); {@code Imgproc.blur} (3 x 3). Both answers
 * are first checked against the double reference; then both are timed, interleaved, with OpenCV on one
 * thread and on its default threads. Run with
 * {@code mvn -B -q -pl samples/apps test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.shmt.apps.compare.FiltersVsOpenCv} (arguments: filters and image sides, default
 * {@code sobel laplacian mean 2048 4096}). One harness for three apps' filters, so it sits in no app's
 * package.
 */
public final class FiltersVsOpenCv {
    /**
     * The most either answer may differ from the double reference: fp32 rounding of sums below 4096 and a
     * Sobel magnitude below 1443 stays under 4e-4 (SobelCpuTest, LaplacianTest and MeanFilterTest derive
     * it), whatever the order of operations.
     */
    private static final double FP32_BOUND = 1e-3;

    /** One filter: ours, OpenCV's from {@code in} into {@code out}, and the double reference. */
    private record Filter(String name, BiConsumer<FloatMatrix, FloatMatrix> ours, BiConsumer<Mat, Mat> opencv,
                          Function<FloatMatrix, double[]> reference) {}

    private static final List<Filter> FILTERS = List.of(
            new Filter("sobel", Sobel::sobel, FiltersVsOpenCv::sobel, Sobel::reference),
            new Filter("laplacian", Laplacian::laplacian,
                    (in, out) -> Imgproc.Laplacian(in, out, CvType.CV_32F, 1, 1, 0, Core.BORDER_REFLECT_101),
                    Laplacian::reference),
            new Filter("mean", MeanFilter::mean3,
                    (in, out) -> Imgproc.blur(in, out, new Size(3, 3), new org.opencv.core.Point(-1, -1),
                            Core.BORDER_REFLECT_101),
                    MeanFilter::reference));

    private FiltersVsOpenCv() {}

    public static void main(String[] args) {
        OpenCV.loadLocally();
        List<Filter> filters = new ArrayList<>();
        List<Integer> sides = new ArrayList<>();
        for (String a : args) {
            Filter f = FILTERS.stream().filter(x -> x.name().equals(a)).findFirst().orElse(null);
            if (f != null) {
                filters.add(f);
            } else {
                sides.add(side(a));
            }
        }
        if (filters.isEmpty()) {
            filters.addAll(FILTERS);
        }
        if (sides.isEmpty()) {
            sides.addAll(List.of(2048, 4096));
        }
        int defaultThreads = Core.getNumThreads();
        System.out.printf(Locale.ROOT, "%s, OpenCV %s (default threads %d), %d cores%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), Core.VERSION,
                defaultThreads, Runtime.getRuntime().availableProcessors());
        for (Filter f : filters) {
            for (int n : sides) {
                compare(f, n, defaultThreads);
            }
        }
    }

    private static int side(String arg) {
        int n;
        try {
            n = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 3) {
            throw new IllegalArgumentException("arguments are filters (sobel, laplacian, mean) and image sides"
                    + " (whole numbers >= 3); got '" + arg + "'");
        }
        return n;
    }

    private static void sobel(Mat in, Mat mag) {
        Mat gx = new Mat();
        Mat gy = new Mat();
        Imgproc.Sobel(in, gx, CvType.CV_32F, 1, 0, 3, 1, 0, Core.BORDER_REFLECT_101);
        Imgproc.Sobel(in, gy, CvType.CV_32F, 0, 1, 3, 1, 0, Core.BORDER_REFLECT_101);
        Core.magnitude(gx, gy, mag);
        gx.release();
        gy.release();
    }

    private static void compare(Filter f, int n, int defaultThreads) {
        FloatMatrix src = Images.structured(n, n, 42).withBorder(Border.REFLECT_101);
        FloatMatrix ours = FloatMatrix.create(n, n);
        Mat in = new Mat(n, n, CvType.CV_32F);
        in.put(0, 0, src.array());
        Mat out = new Mat(n, n, CvType.CV_32F);
        Runnable shmt = () -> f.ours().accept(src, ours);
        Runnable cv = () -> f.opencv().accept(in, out);

        // Same answer first: a faster wrong kernel would prove nothing.
        shmt.run();
        cv.run();
        float[] theirs = new float[n * n];
        out.get(0, 0, theirs);
        double[] ref = f.reference().apply(src);
        double oursErr = maxError(ours.array(), ref);
        double cvErr = maxError(theirs, ref);
        double apart = 0;
        for (int i = 0; i < theirs.length; i++) {
            apart = Math.max(apart, Math.abs(ours.array()[i] - theirs[i]));
        }
        System.out.printf(Locale.ROOT, "%n%s %dx%d: max |shmt - double ref| %.2e, max |opencv - double ref| %.2e,"
                + " max |shmt - opencv| %.2e%n", f.name(), n, n, oursErr, cvErr, apart);
        if (!(oursErr <= FP32_BOUND && cvErr <= FP32_BOUND)) { // NaN fails too
            throw new IllegalStateException("the two " + f.name() + " answers disagree beyond fp32 rounding ("
                    + FP32_BOUND + ")");
        }

        // Scaled to the image: at 2048 x 2048, 100 warm-up calls and 21 timed ones. C2 compiles the row loop
        // of SobelInterior.run, with the vectorized loops inlined, only after about 55 calls at this size;
        // until then a call takes twice as long.
        double scale = 2048.0 * 2048 / ((double) n * n);
        int warmup = Math.max(25, (int) (100 * scale));
        int repeat = Math.max(11, (int) (21 * scale)) | 1;
        Core.setNumThreads(1);
        Timing.compare(String.format(Locale.ROOT, "%s %dx%d, OpenCV on 1 thread", f.name(), n, n),
                "shmt", shmt, "opencv", cv, warmup, repeat);
        Core.setNumThreads(defaultThreads);
        Timing.compare(String.format(Locale.ROOT, "%s %dx%d, OpenCV on %d threads (its default)", f.name(), n, n,
                Core.getNumThreads()), "shmt", shmt, "opencv", cv, warmup, repeat);
        in.release();
        out.release();
    }

    private static double maxError(float[] got, double[] ref) {
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - ref[i]));
        }
        return worst;
    }
}
