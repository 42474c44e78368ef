// The gpu device's test kernels against their formulas, in the kernels' operation order (so bit for bit),
// on every tile shape of host_check.h; bins16 against a plain count.
#include "host_check.h"

#include "dev/shmt/gpu/test_kernels.cu"

namespace {

using host_check::Input;

float cross(const Input& in, int r, int c, int d) {
    float s = in.get(r - d, c) + 2.0f * in.get(r + d, c);
    s += 3.0f * in.get(r, c - d);
    s += 5.0f * in.get(r, c + d);
    s += 7.0f * in.get(r, c);
    return s;
}

float cross1Formula(const Input& in, int r, int c) { return cross(in, r, c, 1); }
float cross2Formula(const Input& in, int r, int c) { return cross(in, r, c, 2); }

}  // namespace

HOST_CHECK(cross_stencils, "cross1 cross2") {
    host_check::checkStencilCases("cross1", cross1, cross1Formula, 1, rng);
    host_check::checkStencilCases("cross2", cross2, cross2Formula, 2, rng);
}

// A tile at (row0, col0) of a matrix: each cell adds its place to its input.
HOST_CHECK(where_at_origin, "where_at") {
    for (const host_check::Case& k : host_check::kTileCases) {
        const int row0 = 7, col0 = 33;
        Input in(k.rows, k.cols, 0, k.pad, rng, false);
        const int dstStride = k.cols + k.pad;
        std::vector<float> dst((size_t) k.rows * dstStride, -12345.0f);
        const dim3 block = host_check::perCell(k.rows);
        const dim3 grid{(k.cols + block.x - 1) / block.x, (k.rows + block.y - 1) / block.y, 1};
        launch(grid, block, where_at, in.origin(), in.stride, dst.data(), dstStride, k.rows, k.cols, row0, col0);
        host_check::checkCells("where_at " + std::to_string(k.rows) + "x" + std::to_string(k.cols) + " at (7,33)", dst,
                               k.rows, k.cols, dstStride, -12345.0f,
                               [&](int r, int c) { return (float) ((row0 + r) * 4096 + (col0 + c)) + in.get(r, c); });
    }
}

// Values from -4 to 20 with NaN and infinities, on one thread per value and on small grids whose threads
// stride; the counters allocated to exactly 16 (AddressSanitizer sees a write past them).
HOST_CHECK(bins16_counts, "bins16") {
    const unsigned shapes[][3] = {{1000, 0, 256}, {5000, 3, 64}, {1, 0, 256}};
    for (const auto& s : shapes) {
        const int n = (int) s[0];
        std::vector<float> v(n);
        std::uniform_real_distribution<float> value(-4.0f, 20.0f);
        const float special[] = {std::nanf(""), INFINITY, -INFINITY, -0.0f, 16.0f, std::nextafter(16.0f, 0.0f)};
        for (int i = 0; i < n; i++) v[i] = rng() % 9 == 0 ? special[rng() % 6] : value(rng);
        std::vector<unsigned> want(16, 0u), got(16, 0u);
        for (float x : v)
            if (x >= 0.0f && x < 16.0f) want[(size_t) x]++;
        const unsigned blocks = s[1] != 0 ? s[1] : (n + s[2] - 1) / s[2];
        launch(dim3{blocks, 1, 1}, dim3{s[2], 1, 1}, bins16, (const float*) v.data(), got.data(), 1, n);
        if (got != want) return host_check::fail("bins16 n=" + std::to_string(n) + ": bins differ from the plain count");
        std::printf("ok   bins16 n=%-5d grid %u x %u: all 16 bins equal the plain count\n", n, blocks, s[2]);
    }
}
