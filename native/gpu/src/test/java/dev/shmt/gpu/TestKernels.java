package dev.shmt.gpu;


import dev.shmt.api.Border;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.GpuKernel;
import dev.shmt.api.Partition;
import dev.shmt.api.VopCall;
import dev.shmt.api.gpu.GpuKernelRef;
import java.util.SplittableRandom;

/**
 * The gpu device tests' own kernels (src/test/cuda/dev/shmt/gpu/test_kernels.cu), their formulas in Java in the
 * kernels' operation order, and inputs for them.
 */
final class TestKernels {
    static final String PTX = "dev/shmt/gpu/test_kernels.ptx";
    /** bins16: a REDUCE into 16 unsigned counters, returned as {@code long[]}. */
    static final GpuKernelRef BINS16 = new GpuKernelRef(GpuDevice.class, PTX, "bins16", GpuKernel.Launch.PER_CELL,
            new GpuKernelRef.Partial(GpuKernel.PartialType.UINT32, 16, long[].class));

    private TestKernels() {}

    static GpuKernelRef ref(String kernel) {
        return new GpuKernelRef(GpuDevice.class, PTX, kernel);
    }

    /** A TILE_2D call of cross1 (halo 1) or cross2 (halo 2) from src to dst in tiles of the hint. */
    static VopCall cross(int distance, FloatMatrix src, FloatMatrix dst, int tileRows, int tileCols) {
        String kernel = "cross" + distance;
        return VopCall.builder(kernel, Partition.TILE_2D).shape(src.rows(), src.cols()).halo(distance)
                .border(Border.REFLECT_101).tileHint(tileRows, tileCols)
                .arg("src", VopCall.Role.IN, src).arg("dst", VopCall.Role.OUT, dst)
                .implementation(GpuKernelRef.class, ref(kernel)).build();
    }

    /** cross1 / cross2: up + 2 down + 3 left + 5 right + 7 centre at that distance, summed in that order. */
    static FloatMatrix cross(int d, FloatMatrix src) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                float s = src.get(r - d, c) + 2f * src.get(r + d, c);
                s += 3f * src.get(r, c - d);
                s += 5f * src.get(r, c + d);
                s += 7f * src.get(r, c);
                out.set(r, c, s);
            }
        }
        return out;
    }

    /** where_at: each cell's place in the matrix, row * 4096 + col, plus its input. */
    static FloatMatrix whereAt(FloatMatrix src) {
        FloatMatrix out = FloatMatrix.create(src.rows(), src.cols());
        for (int r = 0; r < src.rows(); r++) {
            for (int c = 0; c < src.cols(); c++) {
                out.set(r, c, (float) (r * 4096 + c) + src.get(r, c));
            }
        }
        return out;
    }

    /** bins16's count: bins [k, k + 1) of 0 ... 15; other values and NaN count nowhere. */
    static long[] count16(float[] a, int from, int n) {
        long[] bins = new long[16];
        for (int i = from; i < from + n; i++) {
            if (a[i] >= 0f && a[i] < 16f) {
                bins[(int) a[i]]++;
            }
        }
        return bins;
    }

    static long[] add(long[] a, long[] b) {
        long[] s = new long[a.length];
        for (int k = 0; k < a.length; k++) {
            s[k] = a[k] + b[k];
        }
        return s;
    }

    /** Values from -2 to 18, with NaN, infinities, -0.0, values next to 0 and 16, and runs of one value. */
    static float[] values(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, Math.nextDown(16f), 16f,
            Math.nextDown(0f), Float.MIN_VALUE, 15f};
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(10);
            a[i] = k == 0 ? special[rnd.nextInt(special.length)] : k < 4 && i > 0 ? a[i - 1]
                    : (float) rnd.nextDouble(-2, 18);
        }
        return a;
    }
}
