// dct8x8 bit for bit against Dct8x8.forward (Dct8x8Interior) on tiles of whole 8 x 8 blocks, its table
// against Dct8x8.COS, and NaN for tiles of partial blocks.
#include "host_check.h"

#include "dev/shmt/apps/dct8x8/dct8x8.cu"

namespace {

using host_check::Input;

// The coefficients as Dct8x8.COS computes them: a(u) cos((2x + 1) u pi / 16) in double, rounded once to float.
float dctCos(int u, int x) {
    const double a = std::sqrt((u == 0 ? 1.0 : 2.0) / 8);
    return (float) (a * std::cos((2 * x + 1) * u * 3.14159265358979323846 / 16));
}

// One output cell: the row pass of the cell's block, then its column pass, each sum from index 0 up.
float javaDct8x8(const Input& in, int r, int c) {
    const int br = r & ~7, bc = c & ~7, v = r & 7, u = c & 7;
    float R[8];
    for (int y = 0; y < 8; y++) {
        float s = dctCos(u, 0) * in.get(br + y, bc);
        for (int x = 1; x < 8; x++) s = s + dctCos(u, x) * in.get(br + y, bc + x);
        R[y] = s;
    }
    float s = dctCos(v, 0) * R[0];
    for (int y = 1; y < 8; y++) s = s + dctCos(v, y) * R[y];
    return s;
}

}  // namespace

HOST_CHECK(dct8x8_table, "dct8x8") {
    (void) rng;
    for (int i = 0; i < 64; i++) {
        if (host_check::bits(DCT8_C[i]) != host_check::bits(dctCos(i / 8, i % 8))) {
            char msg[120];
            std::snprintf(msg, sizeof msg, "dct8x8's table at %d: %a, Java's %a", i, DCT8_C[i], dctCos(i / 8, i % 8));
            return host_check::fail(msg);
        }
    }
    std::printf("ok   dct8x8's 64 coefficients are Java's floats\n");
}

// Whole 8 x 8 blocks only; widths that leave the last 32-thread block part empty, strides with padding.
HOST_CHECK(dct8x8_blocks, "dct8x8") {
    const host_check::Case cases[] = {{8, 8, 0}, {8, 32, 0}, {16, 40, 3}, {24, 72, 1}, {64, 64, 5}, {40, 264, 0}};
    for (const host_check::Case& k : cases)
        for (bool specials : {false, true})
            host_check::checkStencil("dct8x8", dct8x8, javaDct8x8, 0, k.rows, k.cols, k.pad, specials, rng);
}

// A tile that is not whole 8 x 8 blocks (or a launch other than PER_CELL's 32 x 8) comes out as NaN.
HOST_CHECK(dct8x8_partial_blocks, "dct8x8") {
    const int shapes[][2] = {{12, 16}, {16, 12}, {1, 64}, {7, 7}};
    for (const auto& sh : shapes) {
        const int rows = sh[0], cols = sh[1];
        Input in(rows, cols, 0, 2, rng, false);
        const int dstStride = cols + 2;
        std::vector<float> dst((size_t) rows * dstStride, -1.0f);
        const dim3 block = host_check::perCell(rows);
        const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
        launch(grid, block, dct8x8, in.origin(), in.stride, dst.data(), dstStride, rows, cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < dstStride; c++) {
                const float got = dst[(size_t) r * dstStride + c];
                if (c < cols ? !std::isnan(got) : got != -1.0f)
                    return host_check::fail("dct8x8 " + std::to_string(rows) + "x" + std::to_string(cols) + ": cell ("
                            + std::to_string(r) + "," + std::to_string(c) + ") is not NaN inside or untouched outside");
            }
    }
    std::printf("ok   dct8x8 writes NaN for tiles of partial blocks\n");
}
