// The DWT benchmark's forward CDF 9/7 level (fdwt97), one thread per output cell; ABI and tiling in
// shmt_tile.cuh (native/gpu/cuda/include).

#include "shmt_tile.cuh"

// CDF 9/7 analysis filters, taps -4..4, bit for bit samples' Dwt97.LOW and Dwt97.HIGH (hex floats; the
// highpass's zero ends are kept, as the Java body multiplies them too). Dwt97Test checks them.
__constant__ float DWT97_LOW[9] = {0x1.b6406cp-6f, -0x1.144d3cp-6f, -0x1.40670ap-4f, 0x1.1144d4p-2f,
                                   0x1.34b5bcp-1f, 0x1.1144d4p-2f, -0x1.40670ap-4f, -0x1.144d3cp-6f,
                                   0x1.b6406cp-6f};
__constant__ float DWT97_HIGH[9] = {0.0f, 0x1.75d962p-4f, -0x1.d76586p-5f, -0x1.2ebb2cp-1f, 0x1.1d7658p0f,
                                    -0x1.2ebb2cp-1f, -0x1.d76586p-5f, 0x1.75d962p-4f, 0.0f};

// One level of the forward 9/7 transform, interleaved (samples' Dwt97.forward): launched PER_CELL_AT_ORIGIN,
// so (row0, col0) place the tile in the image and each cell picks the filters of its absolute parity.
extern "C" __global__ void __launch_bounds__(MAX_THREADS)
fdwt97(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols,
       int row0, int col0) {
    __shared__ float tile[TILE_CELLS(4)];
    const int tileW = load_tile<4>(tile, src, srcStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float* fr = ((row0 + r) & 1) == 0 ? DWT97_LOW : DWT97_HIGH;
    const float* fc = ((col0 + c) & 1) == 0 ? DWT97_LOW : DWT97_HIGH;
    // The top-left of the cell's 9 x 9 window sits at (threadIdx.y, threadIdx.x) of the tile.
    const float* p = tile + threadIdx.y * tileW + threadIdx.x;
    // As the Java body: each window row filtered along the row, then the nine sums along the column, each
    // sum from 0 in tap order.
    float sum = 0.0f;
#pragma unroll
    for (int i = 0; i < 9; i++) {
        float h = 0.0f;
#pragma unroll
        for (int j = 0; j < 9; j++) {
            h += fc[j] * p[i * tileW + j];
        }
        sum += fr[i] * h;
    }
    dst[(ptrdiff_t)r * dstStride + c] = sum;
}
