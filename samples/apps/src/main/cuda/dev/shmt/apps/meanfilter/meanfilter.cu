// The mean-filter benchmark's 3 x 3 mean (mean3), one thread per output cell; ABI and tiling in
// shmt_tile.cuh (native/gpu/cuda/include).

#include "shmt_tile.cuh"

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
mean3(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(1)];
    const int tileW = load_tile<1>(tile, src, srcStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float* up = tile + threadIdx.y * tileW + (threadIdx.x + 1);
    const float* mid = up + tileW;
    const float* down = mid + tileW;
    // As the Java body: each row's (left + centre) + right, then (up + mid) + down, times the float 1/9.
    const float u = (up[-1] + up[0]) + up[1];
    const float m = (mid[-1] + mid[0]) + mid[1];
    const float d = (down[-1] + down[0]) + down[1];
    dst[(ptrdiff_t)r * dstStride + c] = ((u + m) + d) * (1.0f / 9.0f);
}
