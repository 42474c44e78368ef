package dev.shmt.apps.dct8x8;

import dev.shmt.api.FloatMatrix;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.common.Timing;
import java.util.Locale;
import org.jtransforms.dct.FloatDCT_2D;

/**
 * The DCT8x8 CPU kernel ({@link Dct8x8#forward} on the whole image, one thread) against JTransforms 3.1
 * doing the same job: {@code FloatDCT_2D(8, 8).forward(block, true)} (scaled, so orthonormal as ours) on
 * each 8 x 8 block, copied out of the image and back. Both answers are first checked against the double
 * reference, then timed interleaved. Run with
 * {@code mvn -B -q -pl samples/apps test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.shmt.apps.dct8x8.Dct8x8VsJTransforms} (arguments: image sides, multiples of 8;
 * default 1024 2048).
 */
public final class Dct8x8VsJTransforms {
    /** Both answers within 2.2e-3 of the double reference: Dct8x8Test derives ours; JTransforms' is the same order. */
    private static final double BOUND = 2.2e-3;

    private Dct8x8VsJTransforms() {}

    public static void main(String[] args) {
        int[] sides = args.length == 0 ? new int[] {1024, 2048} : new int[args.length];
        for (int i = 0; i < args.length; i++) {
            sides[i] = Integer.parseInt(args[i]);
            if (sides[i] < 8 || sides[i] % 8 != 0) {
                throw new IllegalArgumentException("image sides must be multiples of 8, got " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%s, JTransforms 3.1, %d cores%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (int n : sides) {
            compare(n);
        }
    }

    private static void compare(int n) {
        FloatMatrix src = Images.structured(n, n, 42);
        FloatMatrix ours = FloatMatrix.create(n, n);
        float[] theirs = new float[n * n];
        FloatDCT_2D dct = new FloatDCT_2D(8, 8);
        float[] block = new float[64];
        float[] a = src.array();
        Runnable shmt = () -> Dct8x8.forward(src, ours);
        Runnable jt = () -> {
            for (int br = 0; br < n; br += 8) {
                for (int bc = 0; bc < n; bc += 8) {
                    for (int y = 0; y < 8; y++) {
                        System.arraycopy(a, (br + y) * n + bc, block, y * 8, 8);
                    }
                    dct.forward(block, true);
                    for (int y = 0; y < 8; y++) {
                        System.arraycopy(block, y * 8, theirs, (br + y) * n + bc, 8);
                    }
                }
            }
        };
        shmt.run();
        jt.run();
        double[] ref = Dct8x8.reference(src);
        double oursErr = 0;
        double theirErr = 0;
        for (int i = 0; i < ref.length; i++) {
            oursErr = Math.max(oursErr, Math.abs(ours.array()[i] - ref[i]));
            theirErr = Math.max(theirErr, Math.abs(theirs[i] - ref[i]));
        }
        System.out.printf(Locale.ROOT, "%ndct8x8 %dx%d: max |shmt - double ref| %.2e, max |jtransforms - double ref| %.2e%n",
                n, n, oursErr, theirErr);
        if (!(oursErr <= BOUND && theirErr <= BOUND)) {
            throw new IllegalStateException("the two DCT answers disagree beyond fp32 rounding (" + BOUND + ")");
        }
        double scale = 2048.0 * 2048 / ((double) n * n);
        Timing.compare(String.format(Locale.ROOT, "dct8x8 %dx%d", n, n), "shmt", shmt, "jtransforms", jt,
                Math.max(25, (int) (60 * scale)), Math.max(11, (int) (21 * scale)) | 1);
    }
}
