// Kernels of the gpu device's own tests: the calling conventions the device launches (2-D tiles with a
// halo of 1 and 2 through shmt_tile.cuh, a tile that knows its origin, a REDUCE into a partial result),
// with formulas simple enough to write out in Java and C++ and weights that tell every neighbour apart.
#include "shmt_tile.cuh"

// dst = up + 2 down + 3 left + 5 right + 7 centre, summed in that order (launch PER_CELL, halo 1).
extern "C" __global__ void __launch_bounds__(MAX_THREADS)
cross1(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(1)];
    const int tileW = load_tile<1>(tile, src, srcStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float* p = tile + (threadIdx.y + 1) * tileW + (threadIdx.x + 1);
    float s = p[-tileW] + 2.0f * p[tileW];
    s += 3.0f * p[-1];
    s += 5.0f * p[1];
    s += 7.0f * p[0];
    dst[(ptrdiff_t)r * dstStride + c] = s;
}

// cross1's formula on the cells two away (launch PER_CELL, halo 2).
extern "C" __global__ void __launch_bounds__(MAX_THREADS)
cross2(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(2)];
    const int tileW = load_tile<2>(tile, src, srcStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float* p = tile + (threadIdx.y + 2) * tileW + (threadIdx.x + 2);
    float s = p[-2 * tileW] + 2.0f * p[2 * tileW];
    s += 3.0f * p[-2];
    s += 5.0f * p[2];
    s += 7.0f * p[0];
    dst[(ptrdiff_t)r * dstStride + c] = s;
}

// Each cell's place in the whole matrix, (row0 + r) * 4096 + (col0 + c), plus its input (launch
// PER_CELL_AT_ORIGIN): exact in fp32 for matrices up to 4096 x 4096.
extern "C" __global__ void __launch_bounds__(MAX_THREADS)
where_at(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols,
         int row0, int col0) {
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    dst[(ptrdiff_t)r * dstStride + c] = (float) ((row0 + r) * 4096 + (col0 + c)) + src[(ptrdiff_t)r * srcStride + c];
}

// A REDUCE with a partial of 16 counters: value v counts in bin (int) v when 0 <= v < 16; NaN nowhere.
// Threads stride over the chunk by the whole grid, so any grid size is correct.
extern "C" __global__ void __launch_bounds__(MAX_THREADS)
bins16(const float* __restrict__ values, unsigned int* __restrict__ bins, int rows, int cols) {
    (void) rows;  // part of the common ABI; a chunk is a single row
    const int step = gridDim.x * blockDim.x;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < cols; i += step) {
        const float v = values[i];
        if (v >= 0.0f && v < 16.0f) atomicAdd(&bins[(int) v], 1u);
    }
}
