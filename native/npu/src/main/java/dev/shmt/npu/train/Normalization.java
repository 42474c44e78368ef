package dev.shmt.npu.train;

import dev.shmt.npu.quant.ValueRange;
import java.util.Arrays;

/**
 * The affine maps between the function's units and the model's. Each input feature's domain is
 * mapped to [-1, 1] on the host before the model, because the int8 model input has one scale for all
 * features and would otherwise waste most of its 256 steps on the features with small ranges. The
 * output is mapped the same way from the training targets' range, so the model's last layer works
 * on [-1, 1] too. Callers must apply exactly these maps around the model:
 * {@code xn[j] = (x[j] - inputCenter[j]) / inputHalfWidth[j]} and
 * {@code y = outputCenter + outputHalfWidth * yn}.
 */
public final class Normalization {
    private final float[] inputCenter;
    private final float[] inputHalfWidth;
    private final float outputCenter;
    private final float outputHalfWidth;

    public Normalization(float[] inputCenter, float[] inputHalfWidth, float outputCenter, float outputHalfWidth) {
        if (inputCenter.length != inputHalfWidth.length || inputCenter.length == 0) {
            throw new IllegalArgumentException("inputCenter and inputHalfWidth must have the same, non-zero length, got "
                    + inputCenter.length + " and " + inputHalfWidth.length);
        }
        for (int j = 0; j < inputHalfWidth.length; j++) {
            if (!(inputHalfWidth[j] > 0) || !Float.isFinite(inputHalfWidth[j]) || !Float.isFinite(inputCenter[j])) {
                throw new IllegalArgumentException("input " + j + " needs a finite center and a positive finite half-width, got "
                        + inputCenter[j] + " and " + inputHalfWidth[j]);
            }
        }
        if (!(outputHalfWidth > 0) || !Float.isFinite(outputHalfWidth) || !Float.isFinite(outputCenter)) {
            throw new IllegalArgumentException("output needs a finite center and a positive finite half-width, got "
                    + outputCenter + " and " + outputHalfWidth);
        }
        this.inputCenter = inputCenter.clone();
        this.inputHalfWidth = inputHalfWidth.clone();
        this.outputCenter = outputCenter;
        this.outputHalfWidth = outputHalfWidth;
    }

    /** Inputs from their domains, output from the targets' range (a constant target gets half-width 1). */
    public static Normalization of(ValueRange[] inputDomains, ValueRange targetRange) {
        float[] c = new float[inputDomains.length];
        float[] h = new float[inputDomains.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = (float) (((double) inputDomains[j].min() + inputDomains[j].max()) / 2);
            h[j] = (float) (((double) inputDomains[j].max() - inputDomains[j].min()) / 2);
        }
        float oc = (float) (((double) targetRange.min() + targetRange.max()) / 2);
        float oh = (float) (((double) targetRange.max() - targetRange.min()) / 2);
        return new Normalization(c, h, oc, oh > 0 ? oh : 1f);
    }

    public int inputs() {
        return inputCenter.length;
    }

    public float[] inputCenter() {
        return inputCenter.clone();
    }

    public float[] inputHalfWidth() {
        return inputHalfWidth.clone();
    }

    public float outputCenter() {
        return outputCenter;
    }

    public float outputHalfWidth() {
        return outputHalfWidth;
    }

    /** Normalizes {@code n} row-major points from {@code x} into {@code out} (may be the same array). */
    public void normalizeInputs(float[] x, float[] out, int n) {
        int f = inputCenter.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                out[i * f + j] = (x[i * f + j] - inputCenter[j]) / inputHalfWidth[j];
            }
        }
    }

    public float normalizeOutput(float y) {
        return (y - outputCenter) / outputHalfWidth;
    }

    public float denormalizeOutput(float yn) {
        return outputCenter + outputHalfWidth * yn;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(inputCenter, n.inputCenter)
                && Arrays.equals(inputHalfWidth, n.inputHalfWidth)
                && Float.compare(outputCenter, n.outputCenter) == 0
                && Float.compare(outputHalfWidth, n.outputHalfWidth) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(inputCenter) + Arrays.hashCode(inputHalfWidth);
    }

    @Override
    public String toString() {
        return "Normalization[in center " + Arrays.toString(inputCenter) + ", half " + Arrays.toString(inputHalfWidth)
                + "; out center " + outputCenter + ", half " + outputHalfWidth + "]";
    }
}
