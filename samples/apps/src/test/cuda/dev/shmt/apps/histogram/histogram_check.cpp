// histogram256 against a plain count: pixels from -8 to 264 (some out of range on both sides), with NaN,
// infinities, -0.0, values just below 0 and 256, and runs of one value; the partial allocated to exactly
// HIST_BINS counters (AddressSanitizer sees any write past them), pixels to exactly n floats.
#include "host_check.h"

#include "dev/shmt/apps/histogram/histogram.cu"

namespace {

void checkHistogram(int n, unsigned gridBlocks, unsigned threads, std::mt19937& rng) {
    std::vector<float> px(n);
    std::uniform_real_distribution<float> value(-8.0f, 264.0f);
    const float special[] = {std::nanf(""), INFINITY, -INFINITY, -0.0f, 0.0f, -1e-40f, 1e-40f,
                             std::nextafter(256.0f, 0.0f), 256.0f, std::nextafter(0.0f, -1.0f), 255.0f, 1.0f};
    for (int i = 0; i < n; i++) {
        if (rng() % 7 == 0) px[i] = special[rng() % 12];
        else if (i > 0 && rng() % 3 == 0) px[i] = px[i - 1];  // runs: many threads on one bin
        else px[i] = value(rng);
    }
    std::vector<unsigned> ref(HIST_BINS, 0u);
    for (float v : px)
        if (v >= 0.0f && v < 256.0f) ref[(size_t) std::floor(v)]++;
    std::vector<unsigned> bins(HIST_BINS, 0u);
    const unsigned blocks = gridBlocks != 0 ? gridBlocks : (unsigned) ((n + threads - 1) / threads);
    launch(dim3{blocks, 1, 1}, dim3{threads, 1, 1}, histogram256, (const float*) px.data(), bins.data(), 1, n);
    for (int b = 0; b < HIST_BINS; b++) {
        if (bins[b] != ref[b]) {
            return host_check::fail("histogram256 n=" + std::to_string(n) + " grid " + std::to_string(blocks) + " x "
                                    + std::to_string(threads) + ": bin " + std::to_string(b) + " has "
                                    + std::to_string(bins[b]) + ", the plain count " + std::to_string(ref[b]));
        }
    }
    std::printf("ok   histogram256 n=%-6d grid %4u x %3u: all %d bins equal the plain count\n", n, blocks, threads,
                HIST_BINS);
}

}  // namespace

HOST_CHECK(histogram, "histogram256") {
    // One thread per pixel (the gpu device's 1-D geometry), and small grids whose threads stride.
    for (int n : {1, 255, 256, 257, 1000, 4099}) checkHistogram(n, 0, 256, rng);
    for (int n : {1, 300, 70001}) checkHistogram(n, 3, 256, rng);
    checkHistogram(5000, 2, 64, rng);  // blocks narrower than the sub-histograms: each thread zeroes several
}
