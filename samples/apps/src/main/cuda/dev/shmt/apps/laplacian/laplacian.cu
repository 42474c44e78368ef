// The Laplacian benchmark's 5-point Laplacian (laplacian3), one thread per output cell; ABI and tiling in
// shmt_tile.cuh (native/gpu/cuda/include).

#include "shmt_tile.cuh"

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
laplacian3(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(1)];
    const int tileW = load_tile<1>(tile, src, srcStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float* mid = tile + (threadIdx.y + 1) * tileW + (threadIdx.x + 1);
    // As the Java body: ((up + down) + (left + right)) - 4 * centre.
    dst[(ptrdiff_t)r * dstStride + c] = ((mid[-tileW] + mid[tileW]) + (mid[-1] + mid[1])) - 4.0f * mid[0];
}
