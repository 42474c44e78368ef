package dev.shmt.apps.fft;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.EmulationCost;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.In;
import dev.shmt.api.NpuModel;
import dev.shmt.api.Out;
import dev.shmt.api.Partition;
import dev.shmt.api.Vop;

/**
 * The FFT benchmark's VOP: the forward DFT of every row of a complex matrix, one block of whole rows per
 * HLOP. {@link Fft2d} builds the 2-D FFT of an image from two calls and transposes. The annotation
 * processor generates {@code FftVops}.
 */
public final class Fft {
    /** Per worker thread: the input rows of an HLOP whose output overlaps its input, copied first. */
    private static final ThreadLocal<float[]> STAGED = ThreadLocal.withInitial(() -> new float[0]);

    private Fft() {}

    /**
     * {@code out[r][k] = sum_m in[r][m] e^{-2 pi i k m / n}} for every row r, with {@code in = re + i im},
     * {@code out = outRe + i outIm} and n = cols, a power of two: unnormalized, the sign and scaling of
     * the GPU kernel {@code fft.cu}. On the CPU an fp32 FFT: JTransforms' ({@link JtRowFft}), or for
     * rows it would spread over its own threads our radix-2 one ({@link RowFft}); rows whose imaginary
     * part is all zero (the first pass over an image) take the real-input path, half the work. On the NPU
     * a DFT matrix product in int8 ({@link DftNpu}).
     *
     * @throws IllegalArgumentException as {@link #checkRows}
     */
    // Emulation costs: the row pass's 5 log2(1024) = 50 operations per complex point; the NPU: a 1024-point row DFT
    // as an int8 matrix product (8 x 1024 per point)
    @EmulationCost(kind = DeviceKind.CPU, opsPerCell = 50, bytesPerCell = 16)
    @EmulationCost(kind = DeviceKind.GPU, opsPerCell = 50, bytesPerCell = 16)
    @EmulationCost(kind = DeviceKind.NPU, opsPerCell = 8192, bytesPerCell = 4)
    @Vop(partition = Partition.ROWS, check = "checkRows")
    @GpuKernel(ptx = "/dev/shmt/apps/fft/fft.ptx", function = "fft_rows", launch = GpuKernel.Launch.PER_ROW)
    @NpuModel(DftNpu.class)
    public static void rows(@In FloatMatrix re, @In FloatMatrix im, @Out FloatMatrix outRe, @Out FloatMatrix outIm) {
        checkRows(re, im, outRe, outIm);
        int n = re.cols();
        if (JtRowFft.handles(n)) {
            jtRows(re, im, outRe, outIm);
        } else {
            rowFftRows(re, im, outRe, outIm);
        }
    }

    /** Every row through JTransforms, which copies each row aside first: aliased outputs need no staging. */
    private static void jtRows(FloatMatrix re, FloatMatrix im, FloatMatrix outRe, FloatMatrix outIm) {
        int n = re.cols();
        JtRowFft fft = JtRowFft.get();
        float[] xr = re.array();
        float[] xi = im.array();
        float[] yr = outRe.array();
        float[] yi = outIm.array();
        for (int r = 0; r < re.rows(); r++) {
            int xro = re.offset() + r * re.stride();
            int xio = im.offset() + r * im.stride();
            int yro = outRe.offset() + r * outRe.stride();
            int yio = outIm.offset() + r * outIm.stride();
            if (isZero(xi, xio, n)) {
                fft.forwardReal(n, xr, xro, yr, yro, yi, yio);
            } else {
                fft.forward(n, xr, xro, xi, xio, yr, yro, yi, yio);
            }
        }
    }

    /** Every row through {@link RowFft}, for rows too long for {@link JtRowFft}. */
    private static void rowFftRows(FloatMatrix re, FloatMatrix im, FloatMatrix outRe, FloatMatrix outIm) {
        int n = re.cols();
        RowFft fft = RowFft.of(n);
        float[] xr = re.array();
        float[] xi = im.array();
        float[] yr = outRe.array();
        float[] yi = outIm.array();
        // The generated code lets an output be the very view of an input (in place); the FFT reads its
        // input out of order, so such rows are copied aside first.
        boolean staged = outRe.overlaps(re) || outRe.overlaps(im) || outIm.overlaps(re) || outIm.overlaps(im);
        float[] copy = staged ? staging(2 * n) : null;
        for (int r = 0; r < re.rows(); r++) {
            int xro = re.offset() + r * re.stride();
            int xio = im.offset() + r * im.stride();
            int yro = outRe.offset() + r * outRe.stride();
            int yio = outIm.offset() + r * outIm.stride();
            float[] sr = xr;
            float[] si = xi;
            if (staged) {
                System.arraycopy(xr, xro, copy, 0, n);
                System.arraycopy(xi, xio, copy, n, n);
                sr = copy;
                si = copy;
                xro = 0;
                xio = n;
            }
            if (isZero(si, xio, n)) {
                fft.forwardReal(sr, xro, yr, yro, yi, yio);
            } else {
                fft.forward(sr, xro, si, xio, yr, yro, yi, yio);
            }
        }
    }

    /**
     * What {@link #rows} needs beyond the generated checks (which compare only row counts for ROWS): the
     * four matrices as wide as each other, and that width a power of two. {@code FftVops} runs it on
     * the whole views before any HLOP, so a GPU kernel that would write NaN rows never starts; the body
     * runs it too, for direct calls.
     *
     * @throws IllegalArgumentException naming the argument, when one is null, the shapes differ, or
     *     {@code re} is not a power of two wide
     */
    static void checkRows(FloatMatrix re, FloatMatrix im, FloatMatrix outRe, FloatMatrix outIm) {
        notNull("re", re);
        notNull("im", im);
        notNull("outRe", outRe);
        notNull("outIm", outIm);
        int n = re.cols();
        sameShape("im", im, re);
        sameShape("outRe", outRe, re);
        sameShape("outIm", outIm, re);
        if ((n & (n - 1)) != 0) {
            throw new IllegalArgumentException("Fft.rows: argument 're' must have a power of two of columns, got "
                    + n);
        }
    }

    private static void notNull(String name, FloatMatrix m) {
        if (m == null) {
            throw new IllegalArgumentException("Fft.rows: argument '" + name + "' must not be null");
        }
    }

    private static void sameShape(String name, FloatMatrix m, FloatMatrix re) {
        // Rows too: the loop reads and writes by offset, so a shorter output would be written past its end.
        if (m.rows() != re.rows() || m.cols() != re.cols()) {
            throw new IllegalArgumentException("Fft.rows: argument '" + name + "' must be " + re.rows() + " x "
                    + re.cols() + " like 're', got " + m.rows() + " x " + m.cols());
        }
    }

    private static boolean isZero(float[] a, int from, int n) {
        for (int i = from, end = from + n; i < end; i++) {
            if (a[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    private static float[] staging(int length) {
        float[] s = STAGED.get();
        if (s.length < length) {
            s = new float[length];
            STAGED.set(s);
        }
        return s;
    }
}
