package dev.shmt.apps.fft;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.common.Timing;
import java.util.Locale;
import org.jtransforms.fft.FloatFFT_2D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Our CPU 2-D FFT ({@link Fft2d#forward(FloatMatrix)}: the VOP's body on whole matrices, one thread)
 * against JTransforms' {@link FloatFFT_2D} on one thread, on the same structured image: first that both
 * give the same spectrum, then interleaved timings. Two JTransforms calls: {@code realForwardFull}
 * (real input, full complex output: what we compute) and {@code complexForward} on the image with zero
 * imaginary parts (a plain complex transform). Run with
 * {@code mvn -pl samples/apps test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.shmt.apps.fft.FftVsJTransforms [-Dexec.args="512 1024"]}.
 */
public final class FftVsJTransforms {
    private FftVsJTransforms() {}

    public static void main(String[] args) {
        ConcurrencyUtils.setNumberOfThreads(1);
        int[] sizes = args.length == 0 ? new int[] {1024} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            compare(n);
        }
    }

    private static void compare(int n) {
        FloatMatrix image = Images.structured(n, n, 42);
        float[] pixels = image.array();
        Fft2d ours = new Fft2d(n);
        FloatFFT_2D jt = new FloatFFT_2D(n, n);
        float[] real = new float[2 * n * n];
        float[] complex = new float[2 * n * n];
        Runnable oursRun = () -> ours.forward(image);
        Runnable realRun = () -> {
            System.arraycopy(pixels, 0, real, 0, n * n);
            jt.realForwardFull(real);
        };
        Runnable complexRun = () -> {
            for (int i = 0; i < n * n; i++) {
                complex[2 * i] = pixels[i];
                complex[2 * i + 1] = 0f;
            }
            jt.complexForward(complex);
        };
        oursRun.run();
        realRun.run();
        complexRun.run();
        FftReference.Spectrum ref = FftReference.forward(image);
        double oursErr = error(ours.re().array(), 1, ours.im().array(), 1, 0, ref);
        double realErr = error(real, 2, real, 2, 1, ref);
        double complexErr = error(complex, 2, complex, 2, 1, ref);
        System.out.printf(Locale.ROOT, "%d x %d: ||X' - X|| / ||X|| against the double reference: ours %.2e,"
                + " JTransforms realForwardFull %.2e, complexForward %.2e%n", n, n, oursErr, realErr, complexErr);
        if (oursErr > 1e-5 || realErr > 1e-5 || complexErr > 1e-5) {
            throw new AssertionError("the transforms disagree: not timing them");
        }
        int repeat = n <= 512 ? 31 : 11;
        Timing.compare("2-D FFT " + n + " x " + n, "ours", oursRun, "JTransforms realForwardFull", realRun, 5, repeat);
        Timing.compare("2-D FFT " + n + " x " + n, "ours", oursRun, "JTransforms complexForward", complexRun, 5, repeat);
    }

    /** Relative Frobenius error; real part of bin i at {@code re[i * step]}, imaginary at {@code im[i * step + imOff]}. */
    private static double error(float[] re, int step, float[] im, int imStep, int imOff, FftReference.Spectrum ref) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < ref.re().length; i++) {
            double dr = re[i * step] - ref.re()[i];
            double di = im[i * imStep + imOff] - ref.im()[i];
            err += dr * dr + di * di;
            norm += ref.re()[i] * ref.re()[i] + ref.im()[i] * ref.im()[i];
        }
        return Math.sqrt(err / norm);
    }
}
