// The Sobel benchmark's gradient magnitude (sobel3), one thread per output cell; ABI and tiling in
// shmt_tile.cuh (native/gpu/cuda/include).

#include "shmt_tile.cuh"

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
sobel3(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(1)];
    const int tileW = load_tile<1>(tile, src, srcStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float* up = tile + threadIdx.y * tileW + (threadIdx.x + 1);
    const float* mid = up + tileW;
    const float* down = mid + tileW;
    // Left to right as the Java body writes it: ((a + 2b) + c) - ((d + 2e) + f).
    const float gx = (up[1] + 2.0f * mid[1] + down[1]) - (up[-1] + 2.0f * mid[-1] + down[-1]);
    const float gy = (down[-1] + 2.0f * down[0] + down[1]) - (up[-1] + 2.0f * up[0] + up[1]);
    // sqrtf is correctly rounded (-prec-sqrt=true), as is Java's (float) Math.sqrt of a float.
    dst[(ptrdiff_t)r * dstStride + c] = sqrtf(gx * gx + gy * gy);
}
