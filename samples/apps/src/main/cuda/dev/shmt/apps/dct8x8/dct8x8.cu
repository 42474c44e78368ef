// DCT8x8 (samples' Dct8x8.forward, the CUDA samples' dct8x8): the orthonormal 2-D DCT-II of every 8 x 8
// block of a tile, out = C X C^T with C[u][x] = a(u) cos((2x + 1) u pi / 16), a(0) = sqrt(1/8), a(u>0) = sqrt(2/8).
//
// ABI as shmt_tile.cuh's (halo 0): src and dst as a pointer to the HLOP's first cell plus its row stride in
// floats, then `int rows, int cols`, the tile's size. Launch "PER_CELL" (the gpu device's default): block
// (32, 8, 1), grid (ceil(cols / 32), ceil(rows / 8)); so a thread block covers one 8-row strip of four 8 x 8
// blocks, one thread per output cell. The tile must be whole 8 x 8 blocks of the image: rows and cols
// multiples of 8 and its first cell at a multiple of 8, which the kernel cannot see. Dct8x8.forward
// declares @Vop(tileMultiple = 8), so the runtime only cuts such tiles (on an image of whole blocks, which
// its check requires). A tile whose rows or cols are not multiples of 8 (a hand-built call without the
// multiple) or another launch geometry is still written as NaN, so such a mistake shows.
//
// Results are bitwise those of the Java fp32 body (Dct8x8Interior): build.sh compiles with -fmad=false,
// the coefficients are the same 64 floats (a(u) cos(...) in double, rounded once), and each sum runs over
// its 8 products from index 0 up, rows of the block first, then its columns:
//   R[y][u]   = ((C[u][0] X[y][0] + C[u][1] X[y][1]) + ...) + C[u][7] X[y][7]
//   out[v][u] = ((C[v][0] R[0][u] + C[v][1] R[1][u]) + ...) + C[v][7] R[7][u]

#include <stddef.h>

#define DCT8_THREADS 256

// C[u][x] at u * 8 + x, as float: samples' Dct8x8.COS.
__constant__ float DCT8_C[64] = {
    0x1.6a09e6p-2f, 0x1.6a09e6p-2f, 0x1.6a09e6p-2f, 0x1.6a09e6p-2f, 0x1.6a09e6p-2f, 0x1.6a09e6p-2f, 0x1.6a09e6p-2f, 0x1.6a09e6p-2f,
    0x1.f6297cp-2f, 0x1.a9b662p-2f, 0x1.1c73b4p-2f, 0x1.8f8b84p-4f, -0x1.8f8b84p-4f, -0x1.1c73b4p-2f, -0x1.a9b662p-2f, -0x1.f6297cp-2f,
    0x1.d906bcp-2f, 0x1.87de2ap-3f, -0x1.87de2ap-3f, -0x1.d906bcp-2f, -0x1.d906bcp-2f, -0x1.87de2ap-3f, 0x1.87de2ap-3f, 0x1.d906bcp-2f,
    0x1.a9b662p-2f, -0x1.8f8b84p-4f, -0x1.f6297cp-2f, -0x1.1c73b4p-2f, 0x1.1c73b4p-2f, 0x1.f6297cp-2f, 0x1.8f8b84p-4f, -0x1.a9b662p-2f,
    0x1.6a09e6p-2f, -0x1.6a09e6p-2f, -0x1.6a09e6p-2f, 0x1.6a09e6p-2f, 0x1.6a09e6p-2f, -0x1.6a09e6p-2f, -0x1.6a09e6p-2f, 0x1.6a09e6p-2f,
    0x1.1c73b4p-2f, -0x1.f6297cp-2f, 0x1.8f8b84p-4f, 0x1.a9b662p-2f, -0x1.a9b662p-2f, -0x1.8f8b84p-4f, 0x1.f6297cp-2f, -0x1.1c73b4p-2f,
    0x1.87de2ap-3f, -0x1.d906bcp-2f, 0x1.d906bcp-2f, -0x1.87de2ap-3f, -0x1.87de2ap-3f, 0x1.d906bcp-2f, -0x1.d906bcp-2f, 0x1.87de2ap-3f,
    0x1.8f8b84p-4f, -0x1.1c73b4p-2f, 0x1.a9b662p-2f, -0x1.f6297cp-2f, 0x1.f6297cp-2f, -0x1.a9b662p-2f, 0x1.1c73b4p-2f, -0x1.8f8b84p-4f,
};

extern "C" __global__ void __launch_bounds__(DCT8_THREADS)
dct8x8(const float* __restrict__ src, int srcStride, float* __restrict__ dst, int dstStride, int rows, int cols) {
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    // The same for every thread of the grid, so returning here leaves no thread waiting at a barrier.
    if ((rows & 7) != 0 || (cols & 7) != 0 || blockDim.y != 8 || blockDim.x > 32 || (blockDim.x & 7) != 0) {
        if (r < rows && c < cols) dst[(ptrdiff_t)r * dstStride + c] = __int_as_float(0x7fc00000);
        return;
    }
    __shared__ float block[8][32];
    __shared__ float rowPass[8][32];
    const int tx = threadIdx.x;
    const int ty = threadIdx.y;
    // cols is a multiple of 8, so the 8 threads of one block (tx & ~7 up) are all inside or all outside;
    // rows too, and each thread block is exactly 8 rows, so r < rows always holds. Outside threads
    // still reach both barriers.
    const bool inside = r < rows && c < cols;
    if (inside) block[ty][tx] = src[(ptrdiff_t)r * srcStride + c];
    __syncthreads();
    const int u = tx & 7;
    const int b0 = tx & ~7;
    if (inside) {
        // Row pass: R[ty][u] of the 8 x 8 block starting at column b0 of the strip.
        const float* cu = DCT8_C + u * 8;
        const float* x = &block[ty][b0];
        float s = cu[0] * x[0];
#pragma unroll
        for (int i = 1; i < 8; i++) s = s + cu[i] * x[i];
        rowPass[ty][tx] = s;
    }
    __syncthreads();
    if (inside) {
        // Column pass: out[ty][u] = sum_y C[ty][y] R[y][u].
        const float* cv = DCT8_C + ty * 8;
        float s = cv[0] * rowPass[0][tx];
#pragma unroll
        for (int y = 1; y < 8; y++) s = s + cv[y] * rowPass[y][tx];
        dst[(ptrdiff_t)r * dstStride + c] = s;
    }
}
