package dev.shmt.apps.srad;

import com.google.auto.service.AutoService;
import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.apps.BenchApp;
import dev.shmt.apps.Input;
import dev.shmt.apps.common.GridApp;
import dev.shmt.apps.common.ImageInput;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.common.SteppedInstance;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SRAD ({@link Srad}, Rodinia's {@code srad_v1}): {@link #ITERATIONS} iterations on an N x N speckled
 * image (or photographs, {@link ImageInput}), each the host's q0sqr then the two VOP calls; quality of the
 * last image against {@link Srad#reference}.
 */
@AutoService(BenchApp.class)
public final class SradApp extends GridApp {
    /** Iterations per run: two calls each. */
    public static final int ITERATIONS = 4;
    /** Rodinia's update factor. */
    static final float LAMBDA = 0.5f;

    @Override
    public String name() {
        return "srad";
    }

    @Override
    public String description() {
        return ITERATIONS + " iterations of speckle reducing anisotropic diffusion on an N x N ultrasound-like image"
                + " (Rodinia)";
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public int defaultSize() {
        return 2048;
    }

    /**
     * An ultrasound-like input: a {@link Images#structured} scene times speckle (the mean of four
     * exponential draws, a 4-look gamma with mean 1), clamped to 8 bits, then Rodinia's
     * {@code J = exp(I / 255)}.
     */
    static FloatMatrix input(int size, long seed) {
        FloatMatrix img = Images.structured(size, size, seed);
        float[] a = img.array();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5badL);
        for (int i = 0; i < a.length; i++) {
            double speckle = 0;
            for (int k = 0; k < 4; k++) {
                speckle -= Math.log(1 - rnd.nextDouble());
            }
            double v = Math.min(Images.MAX, Math.max(Images.MIN, a[i] * speckle / 4));
            a[i] = (float) Math.exp(v / 255);
        }
        return img.withBorder(Border.CLAMP);
    }

    /**
     * A photograph as Rodinia reads its ultrasound image: {@code J = exp(I / 255)} of the grey levels as
     * they are, with no speckle added, since the photograph is the image to despeckle. The exponential maps
     * [0, 255] to [1, e], so every cell is positive, as SRAD's divisions by the cell's value and by the
     * image's mean need: no offset is needed.
     *
     * @throws IllegalArgumentException when every cell is equal: q0sqr, the variance over the squared mean,
     *     is then 0, and every coefficient divides by it
     */
    static FloatMatrix input(FloatMatrix photo, Input input) {
        float[] a = photo.array(); // dense: created N x N
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.exp(a[i] / 255.0);
        }
        if (!(Srad.q0sqr(photo) > 0)) {
            throw new IllegalArgumentException("srad: --input " + input + " gives an image whose pixels are all equal;"
                    + " SRAD divides by its speckle statistic q0sqr (their variance over their squared mean), which is 0");
        }
        return photo.withBorder(Border.CLAMP);
    }

    @Override
    public boolean takesImageInput() {
        return true;
    }

    @Override
    public Instance prepare(int size, long seed) {
        return prepare(size, seed, Input.generated());
    }

    @Override
    public Instance prepare(int size, long seed, Input input) {
        checkSize(size);
        FloatMatrix j = input.isGenerated() ? input(size, seed) : input(ImageInput.image(input, size, seed), input);
        FloatMatrix c = FloatMatrix.create(size, size).withBorder(Border.CLAMP);
        return new SteppedInstance(name(), size, Srad.reference(j, LAMBDA, ITERATIONS)) {
            @Override
            protected FloatMatrix steps(Shmt rt, List<Report> reports) {
                FloatMatrix from = j;
                for (int it = 0; it < ITERATIONS; it++) {
                    FloatMatrix to = buffers[it % 2];
                    reports.add(SradVops.coefficient(rt, from, c, Srad.q0sqr(from)));
                    reports.add(SradVops.update(rt, from, c, to, LAMBDA));
                    from = to;
                }
                return from;
            }
        };
    }
}
