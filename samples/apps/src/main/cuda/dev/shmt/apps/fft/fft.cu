// Forward, unnormalized DFT of each row: X[k] = sum_n x[n] e^{-2 pi i k n / N}, N = cols a power of two
// (1 to 16384 for the FFT benchmark; any power of two works). Iterative radix-2 Cooley-Tukey, decimation
// in time: bit-reversed load, then log2 N butterfly stages separated by __syncthreads.
//
// Launch ("PER_ROW"): grid (rows, 1, 1), block (256, 1, 1); block b transforms row b, its threads share the
// row's N/2 butterflies of each stage. Rows of N <= 4096 are transformed in shared memory (32 KiB); longer
// rows in place in the output row in global memory (__syncthreads orders global memory within a block too).
// The outputs must not alias the inputs (the bit-reversed load scatters into the output row).
//
// Accuracy (fp32, u = 2^-24): twiddles come from sincospif, whose argument k / half is exact (a dyadic
// fraction), so each twiddle component is within 1 ulp (2u), |w' - w| <= mu = 2 sqrt(2) u. For this
// algorithm the normwise error ||X' - X||_2 / ||X||_2 is at most about log2(N) * (mu + 4u (sqrt(2) + mu)),
// below 9 * log2(N) * u (7.0e-6 for N = 8192, 7.5e-6 for N = 16384; Higham, Accuracy and Stability of
// Numerical Algorithms, 2nd ed., theorem 24.2). Rounding errors add up like a random walk in practice: the
// host check (fft_check.cpp, run by native/gpu/cuda/emulate/run.sh; twiddles rounded from double) measures
// 1.2e-7 at N = 1024 and 1.5e-7 at N = 16384. Single elements much smaller than ||X||_2 / sqrt(N) carry larger relative errors,
// so compare against a reference row by row in that norm. The result is not bitwise that of any CPU FFT.

#include <stddef.h>

#define MAX_THREADS 256
#define SHARED_N 4096

// The log2 N stages over the bit-reversed row in (bre, bim), shared or global memory.
__device__ __forceinline__ void butterflies(float* bre, float* bim, int n) {
    for (int half = 1; half < n; half <<= 1) {
        const float invHalf = 1.0f / (float) half;  // a power of two: k * invHalf is exact
        for (int b = threadIdx.x; b < n / 2; b += blockDim.x) {
            const int k = b & (half - 1);
            const int i = ((b - k) << 1) + k;  // (b / half) * 2 half + k
            const int j = i + half;
            float sn, cs;
            sincospif((float) k * invHalf, &sn, &cs);  // w = e^{-i pi k / half} = cs - i sn
            const float ur = bre[i], ui = bim[i];
            const float vr = bre[j], vi = bim[j];
            const float tr = cs * vr + sn * vi;  // t = w v
            const float ti = cs * vi - sn * vr;
            bre[i] = ur + tr;
            bim[i] = ui + ti;
            bre[j] = ur - tr;
            bim[j] = ui - ti;
        }
        __syncthreads();
    }
}

// Row x (coalesced reads) into buf at bit-reversed positions.
__device__ __forceinline__ void load_bit_reversed(float* bre, float* bim, const float* __restrict__ xr,
                                                  const float* __restrict__ xi, int n, int logN) {
    for (int i = threadIdx.x; i < n; i += blockDim.x) {
        const int j = logN == 0 ? 0 : (int) (__brev((unsigned) i) >> (32 - logN));
        bre[j] = xr[i];
        bim[j] = xi[i];
    }
    __syncthreads();
}

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
fft_rows(const float* __restrict__ re, int reStride, const float* __restrict__ im, int imStride,
         float* __restrict__ outRe, int outReStride, float* __restrict__ outIm, int outImStride,
         int rows, int cols) {
    __shared__ float sRe[SHARED_N];
    __shared__ float sIm[SHARED_N];
    const int row = blockIdx.x;
    if (row >= rows) return;  // the whole block leaves together, before any barrier
    const int n = cols;
    const float* xr = re + (ptrdiff_t) row * reStride;
    const float* xi = im + (ptrdiff_t) row * imStride;
    float* yr = outRe + (ptrdiff_t) row * outReStride;
    float* yi = outIm + (ptrdiff_t) row * outImStride;
    if (n < 1 || (n & (n - 1)) != 0) {
        // Not a transform this kernel computes: the host checks N, but a wrong launch shows as NaN, not as
        // plausible numbers.
        for (int i = threadIdx.x; i < n; i += blockDim.x) {
            yr[i] = __int_as_float(0x7fc00000);
            yi[i] = __int_as_float(0x7fc00000);
        }
        return;
    }
    const int logN = __ffs(n) - 1;
    if (n <= SHARED_N) {
        load_bit_reversed(sRe, sIm, xr, xi, n, logN);
        butterflies(sRe, sIm, n);
        for (int i = threadIdx.x; i < n; i += blockDim.x) {
            yr[i] = sRe[i];
            yi[i] = sIm[i];
        }
    } else {
        load_bit_reversed(yr, yi, xr, xi, n, logN);
        butterflies(yr, yi, n);
    }
}
