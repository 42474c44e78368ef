// HotSpot's temperature step (hotspot), one thread per output cell; ABI and tiling in shmt_tile.cuh
// (native/gpu/cuda/include).

#include "shmt_tile.cuh"

// HotSpot's constants, bit for bit the Java floats of samples' Hotspot (Float.toHexString): 1/Rx = 1/Ry,
// 1/Rz, step/Cap, ambient. HotspotTest checks them against the Java values.
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
