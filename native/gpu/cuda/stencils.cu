// 2-D stencils of the bundled VOPs (samples' Filters and the Sobel, Laplacian and mean-filter benchmarks), one thread per output cell.
//
// ABI shared with the Java gpu device: a matrix arrives as a pointer to the HLOP's first cell plus its row
// stride in floats; an input may be read `halo` rows/cols before and after the tile, which the host has
// already filled with the border values. Then `int rows, int cols`: the tile's size (and, for kernels launched
// PER_CELL_AT_ORIGIN, `int row0, int col0`: where the tile lies in the whole matrix).
// Launch ("PER_CELL"): block (32,8,1), or (256,1,1) for a single row; grid (ceil(cols/bx), ceil(rows/by)).
//
// Results are bitwise those of the Java fp32 bodies: build.sh compiles with -fmad=false (Java never fuses a
// multiply-add), -ftz=false and -prec-sqrt=true, and every body below keeps Java's operation order. Terms
// with a zero weight are kept too: 0 * inf is NaN in Java, so dropping them could change a result.

#include <stddef.h>

// Each block stages its tile plus halo in shared memory, so every input cell is read from global memory
// about once per block (coalesced, rows of the tile in consecutive threads) instead of up to 25 times.
// The largest tile plus halo of a block of at most 256 threads is (256 + 2h) x (1 + 2h) cells.
#define MAX_THREADS 256
#define TILE_CELLS(h) ((MAX_THREADS + 2 * (h)) * (1 + 2 * (h)))

// Copies the block's input window [r0 - h, r0 + by + h) x [c0 - h, c0 + bx + h), clipped to the cells the
// tile may read (rows + h, cols + h), into tile (row stride tileW). Returns tileW.
template <int H>
__device__ __forceinline__ int load_tile(float* tile, const float* __restrict__ src, int srcStride,
                                         int rows, int cols) {
    const int bx = blockDim.x, by = blockDim.y;
    const int r0 = blockIdx.y * by, c0 = blockIdx.x * bx;
    const int tileW = bx + 2 * H;
    const int tileH = by + 2 * H;
    // Rows and columns past the last one the tile reads are left unloaded: they may lie outside the
    // caller's allocation, and only threads outside the tile (which compute nothing) would read them.
    const int lastR = min(tileH, rows + H - (r0 - H));
    const int lastC = min(tileW, cols + H - (c0 - H));
    const int nthreads = bx * by;
    const int tid = threadIdx.y * bx + threadIdx.x;
    for (int i = tid; i < tileH * tileW; i += nthreads) {
        const int tr = i / tileW;
        const int tc = i - tr * tileW;
        if (tr < lastR && tc < lastC) {
            tile[i] = src[(ptrdiff_t)(r0 - H + tr) * srcStride + (c0 - H + tc)];
        }
    }
    __syncthreads();
    return tileW;
}

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

// HotSpot's constants, bit for bit the Java floats of samples' Hotspot (Float.toHexString): 1/Rx = 1/Ry,
// 1/Rz, step/Cap, ambient. HotspotConstantsTest checks them against the Java values.
#define HOTSPOT_G 0x1.99999ap-4f
#define HOTSPOT_GZ 0x1.99999ap-15f
#define HOTSPOT_K 0x1.5d867cp0f
#define HOTSPOT_AMB 80.0f

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
hotspot(const float* __restrict__ temp, int tempStride, const float* __restrict__ power, int powerStride,
        float* __restrict__ dst, int dstStride, int rows, int cols) {
    __shared__ float tile[TILE_CELLS(1)];
    const int tileW = load_tile<1>(tile, temp, tempStride, rows, cols);
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const int r = blockIdx.y * blockDim.y + threadIdx.y;
    if (r >= rows || c >= cols) return;
    const float* mid = tile + (threadIdx.y + 1) * tileW + (threadIdx.x + 1);
    const float t = mid[0];
    // As the Java body: ((P + ((S + N) - 2T) G) + ((E + W) - 2T) G) + (AMB - T) Gz, then T + K delta.
    const float d = ((power[(ptrdiff_t)r * powerStride + c] + ((mid[tileW] + mid[-tileW]) - 2.0f * t) * HOTSPOT_G)
                     + ((mid[1] + mid[-1]) - 2.0f * t) * HOTSPOT_G) + (HOTSPOT_AMB - t) * HOTSPOT_GZ;
    dst[(ptrdiff_t)r * dstStride + c] = t + HOTSPOT_K * d;
}

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
