package dev.shmt.apps.histogram;

import dev.shmt.apps.BenchApp;
import dev.shmt.apps.common.OpenCv;
import dev.shmt.runtime.quality.Quality;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.imgproc.Imgproc;

/** OpenCV's {@code calcHist}, 256 bins over [0, 256), on one thread ({@link OpenCv}): the histogram's library row. */
final class OpenCvHistogram implements BenchApp.Library {
    private final List<Mat> in;
    private final Mat hist = new Mat();
    private final MatOfInt channels = new MatOfInt(0);
    private final MatOfInt bins = new MatOfInt(Histogram.BINS);
    private final MatOfFloat range = new MatOfFloat(0f, 256f);
    private final Mat noMask = new Mat();
    private final float[] ref;

    /** @param pixels the image, {@code n x n} dense */
    OpenCvHistogram(float[] pixels, int n, float[] ref) {
        Mat image = new Mat(n, n, CvType.CV_32F);
        image.put(0, 0, pixels);
        this.in = List.of(image);
        this.ref = ref;
    }

    @Override
    public String name() {
        return OpenCv.NAME;
    }

    @Override
    public void run() {
        OpenCv.oneThread();
        Imgproc.calcHist(in, channels, noMask, hist, bins, range);
    }

    @Override
    public BenchApp.Quality quality() {
        float[] got = new float[Histogram.BINS];
        hist.get(0, 0, got);
        return new BenchApp.Quality(Quality.errorRate(got, ref), Quality.mape(got, ref), null, Quality.rmse(got, ref));
    }
}
