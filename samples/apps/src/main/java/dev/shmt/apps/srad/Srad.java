package dev.shmt.apps.srad;

import dev.shmt.api.Border;
import dev.shmt.api.DeviceKind;
import dev.shmt.api.EmulationCost;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;
import dev.shmt.apps.common.Interior;

/**
 * Speckle reducing anisotropic diffusion (Yu and Acton; Rodinia's {@code srad_v1}), one iteration as two
 * VOP calls: {@link #coefficient} computes each cell's diffusion coefficient from its four differences and
 * the image's speckle statistic {@code q0sqr}, {@link #update} diffuses the image with them. Rodinia's
 * formulas in fp32 and its order of operations, with its clamped neighbours ({@link Border#CLAMP}: a
 * neighbour past the edge is the cell itself). {@link #q0sqr} is the host's step between iterations.
 */
public final class Srad {
    /** The four differences of a cell, row-major 3 x 3: to the north, south, west and east neighbour. */
    static final float[][] DIFFERENCES = {
        {0, 1, 0, 0, -1, 0, 0, 0, 0},
        {0, 0, 0, 0, -1, 0, 0, 1, 0},
        {0, 0, 0, 1, -1, 0, 0, 0, 0},
        {0, 0, 0, 0, -1, 1, 0, 0, 0}};

    private Srad() {}

    /** Rodinia's speckle statistic of an image: its variance over its squared mean, in double. */
    public static float q0sqr(FloatMatrix j) {
        double sum = 0;
        double sum2 = 0;
        float[] a = j.array();
        for (int r = 0; r < j.rows(); r++) {
            for (int i = j.offset() + r * j.stride(), end = i + j.cols(); i < end; i++) {
                sum += a[i];
                sum2 += (double) a[i] * a[i];
            }
        }
        double n = (double) j.rows() * j.cols();
        double mean = sum / n;
        return (float) ((sum2 / n - mean * mean) / (mean * mean));
    }

    /**
     * The diffusion coefficient of every cell of {@code j} into {@code c}, in [0, 1]. CPU and GPU tiles are
     * bitwise equal to this method on the whole image ({@link #cell}); NPU tiles ({@link SradNpu}) compute
     * the four differences in int8 and the rest on the host.
     */
    // Emulation costs: 4 differences, 2 divisions and about 24 other operations per cell; the NPU: four 3 x 3
    // convolutions in one for the differences (72; the rest of each cell is host work, not modelled)
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 30, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 30, bytesPerCell = 8)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 72, bytesPerCell = 2)
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.CLAMP)
    @GpuKernel(ptx = "/dev/shmt/apps/srad/srad.ptx", function = "srad_coefficient")
    @NpuModel(SradNpu.Coefficient.class)
    public static void coefficient(@In FloatMatrix j, @Out FloatMatrix c, float q0sqr) {
        float[] out = c.array();
        float[] a = j.array();
        int s = j.stride();
        int[] in = Interior.of(j, c.rows(), c.cols());
        for (int r = 0; r < c.rows(); r++) {
            int to = c.offset() + r * c.stride();
            boolean inner = r >= in[0] && r < in[1];
            for (int x = 0; x < c.cols(); x++) {
                if (inner && x >= in[2] && x < in[3]) {
                    // Inside the whole image: the neighbours straight from the array.
                    int i = j.offset() + r * s + x;
                    float jc = a[i];
                    out[to + x] = cell(jc, a[i - s] - jc, a[i + s] - jc, a[i - 1] - jc, a[i + 1] - jc, q0sqr);
                } else {
                    float jc = j.get(r, x);
                    out[to + x] = cell(jc, j.get(r - 1, x) - jc, j.get(r + 1, x) - jc, j.get(r, x - 1) - jc,
                            j.get(r, x + 1) - jc, q0sqr);
                }
            }
        }
    }

    /** One cell's coefficient from its value and four differences, in the kernels' order. */
    static float cell(float jc, float dn, float ds, float dw, float de, float q0sqr) {
        float g2 = (((dn * dn + ds * ds) + dw * dw) + de * de) / (jc * jc);
        float l = (((dn + ds) + dw) + de) / jc;
        float num = 0.5f * g2 - 0.0625f * (l * l);
        float den = 1f + 0.25f * l;
        float qsqr = num / (den * den);
        float e = (qsqr - q0sqr) / (q0sqr * (1f + q0sqr));
        float k = 1f / (1f + e);
        return k < 0f ? 0f : k > 1f ? 1f : k; // comparisons, not min/max: NaN stays NaN on every device
    }

    /**
     * One diffusion step: {@code next = j + lambda / 4 (c dN + c(S) dS + c dW + c(E) dE)}, with the
     * coefficients of the cell, its south and its east neighbour. CPU and GPU tiles are bitwise equal to
     * this method on the whole image ({@link #step}); NPU tiles compute the differences in int8.
     */
    // Emulation costs: about 16 operations per cell, reading the image and the coefficients; the NPU as for the
    // coefficient
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 16, bytesPerCell = 12)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 16, bytesPerCell = 12)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 72, bytesPerCell = 3)
    @Vop(partition = Partition.TILE_2D, halo = 1, border = Border.CLAMP)
    @GpuKernel(ptx = "/dev/shmt/apps/srad/srad.ptx", function = "srad_update")
    @NpuModel(SradNpu.Update.class)
    public static void update(@In FloatMatrix j, @In FloatMatrix c, @Out FloatMatrix next, float lambda) {
        float[] out = next.array();
        float[] a = j.array();
        float[] k = c.array();
        int s = j.stride();
        int t = c.stride();
        int[] in = Interior.of(j, next.rows(), next.cols());
        for (int r = 0; r < next.rows(); r++) {
            int to = next.offset() + r * next.stride();
            boolean inner = r >= in[0] && r < in[1];
            for (int x = 0; x < next.cols(); x++) {
                if (inner && x >= in[2] && x < in[3]) {
                    int i = j.offset() + r * s + x;
                    int q = c.offset() + r * t + x;
                    float jc = a[i];
                    out[to + x] = step(jc, a[i - s] - jc, a[i + s] - jc, a[i - 1] - jc, a[i + 1] - jc, k[q], k[q + t],
                            k[q + 1], lambda);
                } else {
                    float jc = j.get(r, x);
                    out[to + x] = step(jc, j.get(r - 1, x) - jc, j.get(r + 1, x) - jc, j.get(r, x - 1) - jc,
                            j.get(r, x + 1) - jc, c.get(r, x), c.get(r + 1, x), c.get(r, x + 1), lambda);
                }
            }
        }
    }

    /** One cell's update, in the kernels' order. */
    static float step(float jc, float dn, float ds, float dw, float de, float cc, float cs, float ce, float lambda) {
        float d = ((cc * dn + cs * ds) + cc * dw) + ce * de;
        return jc + (0.25f * lambda) * d;
    }

    /**
     * {@code iterations} SRAD iterations from {@code j} in double, the benchmark's reference: q0sqr, the
     * coefficients (clamped to [0, 1]) and the update per iteration, every operation in double.
     *
     * @throws IllegalArgumentException when {@code j} is null or iterations < 0
     */
    public static double[] reference(FloatMatrix j, float lambda, int iterations) {
        if (j == null) {
            throw new IllegalArgumentException("j must not be null; expected the image to despeckle");
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        int rows = j.rows();
        int cols = j.cols();
        double[] a = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < cols; x++) {
                a[r * cols + x] = j.get(r, x);
            }
        }
        double[] c = new double[rows * cols];
        double[] next = new double[rows * cols];
        for (int it = 0; it < iterations; it++) {
            double sum = 0;
            double sum2 = 0;
            for (double v : a) {
                sum += v;
                sum2 += v * v;
            }
            double mean = sum / a.length;
            double q0 = (sum2 / a.length - mean * mean) / (mean * mean);
            for (int r = 0; r < rows; r++) {
                for (int x = 0; x < cols; x++) {
                    double jc = a[r * cols + x];
                    double dn = a[Math.max(r - 1, 0) * cols + x] - jc;
                    double ds = a[Math.min(r + 1, rows - 1) * cols + x] - jc;
                    double dw = a[r * cols + Math.max(x - 1, 0)] - jc;
                    double de = a[r * cols + Math.min(x + 1, cols - 1)] - jc;
                    double g2 = (dn * dn + ds * ds + dw * dw + de * de) / (jc * jc);
                    double l = (dn + ds + dw + de) / jc;
                    double den = 1 + 0.25 * l;
                    double qsqr = (0.5 * g2 - l * l / 16) / (den * den);
                    double k = 1 / (1 + (qsqr - q0) / (q0 * (1 + q0)));
                    c[r * cols + x] = Math.max(0, Math.min(1, k));
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int x = 0; x < cols; x++) {
                    double jc = a[r * cols + x];
                    double dn = a[Math.max(r - 1, 0) * cols + x] - jc;
                    double ds = a[Math.min(r + 1, rows - 1) * cols + x] - jc;
                    double dw = a[r * cols + Math.max(x - 1, 0)] - jc;
                    double de = a[r * cols + Math.min(x + 1, cols - 1)] - jc;
                    double cc = c[r * cols + x];
                    double cs = c[Math.min(r + 1, rows - 1) * cols + x];
                    double ce = c[r * cols + Math.min(x + 1, cols - 1)];
                    next[r * cols + x] = jc + 0.25 * lambda * (cc * dn + cs * ds + cc * dw + ce * de);
                }
            }
            double[] swap = a;
            a = next;
            next = swap;
        }
        return a;
    }
}
