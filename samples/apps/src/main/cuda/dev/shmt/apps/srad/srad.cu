// SRAD's two steps (srad_coefficient, srad_update), one thread per output cell; ABI and tiling in
// shmt_tile.cuh (native/gpu/cuda/include).

#include "shmt_tile.cuh"

// SRAD (samples' Srad, Rodinia's srad_v1), in the Java bodies' order; clamps by comparison so NaN stays NaN.
extern "C" __global__ void __launch_bounds__(MAX_THREADS)
srad_coefficient(const float* __restrict__ j, int jStride, float* __restrict__ c, int cStride, float q0sqr,
                 int rows, int cols) {
    __shared__ float tile[TILE_CELLS(1)];
    const int tileW = load_tile<1>(tile, j, jStride, rows, cols);
    const int x = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || x >= cols) return;
    const float* p = tile + (threadIdx.y + 1) * tileW + (threadIdx.x + 1);
    const float jc = p[0];
    const float dn = p[-tileW] - jc, ds = p[tileW] - jc, dw = p[-1] - jc, de = p[1] - jc;
    const float g2 = (((dn * dn + ds * ds) + dw * dw) + de * de) / (jc * jc);
    const float l = (((dn + ds) + dw) + de) / jc;
    const float num = 0.5f * g2 - 0.0625f * (l * l);
    const float den = 1.0f + 0.25f * l;
    const float qsqr = num / (den * den);
    const float e = (qsqr - q0sqr) / (q0sqr * (1.0f + q0sqr));
    const float k = 1.0f / (1.0f + e);
    c[(ptrdiff_t)r * cStride + x] = k < 0.0f ? 0.0f : k > 1.0f ? 1.0f : k;
}

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
srad_update(const float* __restrict__ j, int jStride, const float* __restrict__ c, int cStride,
            float* __restrict__ next, int nextStride, float lambda, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(1)];
    const int tileW = load_tile<1>(tile, j, jStride, rows, cols);
    const int x = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || x >= cols) return;
    const float* p = tile + (threadIdx.y + 1) * tileW + (threadIdx.x + 1);
    const float jc = p[0];
    const float dn = p[-tileW] - jc, ds = p[tileW] - jc, dw = p[-1] - jc, de = p[1] - jc;
    const float* cp = c + (ptrdiff_t)r * cStride + x;
    const float cc = cp[0], cs = cp[cStride], ce = cp[1];
    const float d = ((cc * dn + cs * ds) + cc * dw) + ce * de;
    next[(ptrdiff_t)r * nextStride + x] = jc + (0.25f * lambda) * d;
}
