// The 256-bin histogram of samples' Histogram.hist256: a pixel of value v counts in bin (int) v when
// 0 <= v < 256; other values, infinities and NaN count nowhere (OpenCV's calcHist over [0, 256)).
//
// Each block counts into per-warp sub-histograms in shared memory (so the 32 lanes of a warp contend only
// with each other), then adds their sums into the HLOP's partial with one global atomicAdd per non-empty
// bin. Threads stride over the chunk by the whole grid, so any grid size is correct. The gpu device
// launches it "PER_CELL" (one 256-thread block per 256 pixels of the chunk); a smaller grid (a few blocks
// per SM) would spend fewer global atomics per pixel, which no launch geometry offers yet.
//
// ABI, @GpuKernel's REDUCE convention (partialLength = 256, partialType = UINT32): the chunk's pixels, then
// the HLOP's partial result, HIST_BINS counters the gpu device zeroes before the launch and reads back,
// then rows (1) and cols (the chunk's length), as for a 1-D call. A counter cannot overflow: it counts at
// most one HLOP's pixels, and a chunk's length is a Java int, below 2^31 < 2^32.

#define HIST_BINS 256
#define HIST_THREADS 256
#define HIST_WARPS (HIST_THREADS / 32)

extern "C" __global__ void __launch_bounds__(HIST_THREADS)
histogram256(const float* __restrict__ pixels, unsigned int* __restrict__ bins, int rows, int cols) {
    (void) rows;  // part of the common ABI; a chunk is a single row
    __shared__ unsigned int sub[HIST_WARPS * HIST_BINS];
    const int t = threadIdx.x;
    for (int k = t; k < HIST_WARPS * HIST_BINS; k += blockDim.x) sub[k] = 0u;
    __syncthreads();

    unsigned int* mine = sub + (t / 32) % HIST_WARPS * HIST_BINS;
    const int step = gridDim.x * blockDim.x;
    for (int i = blockIdx.x * blockDim.x + t; i < cols; i += step) {
        const float v = pixels[i];
        if (v >= 0.0f && v < 256.0f) atomicAdd(&mine[(int) v], 1u);  // NaN fails both tests
    }
    __syncthreads();

    for (int b = t; b < HIST_BINS; b += blockDim.x) {
        unsigned int sum = 0u;
        for (int w = 0; w < HIST_WARPS; w++) sum += sub[w * HIST_BINS + b];
        if (sum != 0u) atomicAdd(&bins[b], sum);
    }
}
