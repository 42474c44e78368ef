// The examples' Filters stencils (sharpen3, blur5), one thread per output cell; ABI and tiling in
// shmt_tile.cuh (native/gpu/cuda/include).

#include "shmt_tile.cuh"

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
sharpen3(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(1)];
    const int tileW = load_tile<1>(tile, src, srcStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float W[9] = {0.0f, -0.25f, 0.0f, -0.25f, 2.0f, -0.25f, 0.0f, -0.25f, 0.0f};
    // The centre cell (r, c) sits at (threadIdx.y + 1, threadIdx.x + 1) of the tile.
    const float* p = tile + (threadIdx.y + 1) * tileW + (threadIdx.x + 1);
    float sum = 0.0f;
#pragma unroll
    for (int dr = -1; dr <= 1; dr++) {
#pragma unroll
        for (int dc = -1; dc <= 1; dc++) {
            sum += W[(dr + 1) * 3 + dc + 1] * p[dr * tileW + dc];
        }
    }
    dst[(ptrdiff_t)r * dstStride + c] = sum;
}

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
blur5(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(2)];
    const int tileW = load_tile<2>(tile, src, srcStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float* p = tile + (threadIdx.y + 2) * tileW + (threadIdx.x + 2);
    float sum = 0.0f;
#pragma unroll
    for (int dr = -2; dr <= 2; dr++) {
#pragma unroll
        for (int dc = -2; dc <= 2; dc++) {
            sum += p[dr * tileW + dc];
        }
    }
    // Java multiplies by the float 1f/25f (0.04f rounded), not divides by 25: so must we.
    dst[(ptrdiff_t)r * dstStride + c] = sum * (1.0f / 25.0f);
}
