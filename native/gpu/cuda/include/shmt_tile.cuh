// The gpu device's 2-D kernel ABI, and the shared-memory tile its stencils read from. Included by the
// stencil kernels of every module (build.sh, standin.sh and emulate/run.sh put this folder on the include
// path), so a kernel of an app and one of the examples stage their tiles the same way.
//
// ABI shared with the Java gpu device: a matrix arrives as a pointer to the HLOP's first cell plus its row
// stride in floats; an input may be read `halo` rows/cols before and after the tile, which the host has
// already filled with the border values. Then `int rows, int cols`: the tile's size (and, for kernels launched
// PER_CELL_AT_ORIGIN, `int row0, int col0`: where the tile lies in the whole matrix).
// Launch ("PER_CELL"): block (32,8,1), or (256,1,1) for a single row; grid (ceil(cols/bx), ceil(rows/by)).
//
// Results are bitwise those of the Java fp32 bodies: build.sh compiles with -fmad=false (Java never fuses a
// multiply-add), -ftz=false and -prec-sqrt=true, and every stencil keeps Java's operation order. Terms
// with a zero weight are kept too: 0 * inf is NaN in Java, so dropping them could change a result.
#pragma once

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
