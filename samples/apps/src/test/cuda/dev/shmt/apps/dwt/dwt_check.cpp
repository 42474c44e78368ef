// fdwt97 bit for bit against Dwt97Rows per cell, for tiles at the image's origin and at odd offsets, which
// flip the filter a cell gets.
#include "host_check.h"

#include "dev/shmt/apps/dwt/dwt.cu"

namespace {

using host_check::Input;

// Dwt97.LOW and Dwt97.HIGH, written out again rather than taken from the kernel, so a changed tap shows.
const float kLow[9] = {0x1.b6406cp-6f, -0x1.144d3cp-6f, -0x1.40670ap-4f, 0x1.1144d4p-2f, 0x1.34b5bcp-1f,
                       0x1.1144d4p-2f, -0x1.40670ap-4f, -0x1.144d3cp-6f, 0x1.b6406cp-6f};
const float kHigh[9] = {0.0f, 0x1.75d962p-4f, -0x1.d76586p-5f, -0x1.2ebb2cp-1f, 0x1.1d7658p0f, -0x1.2ebb2cp-1f,
                        -0x1.d76586p-5f, 0x1.75d962p-4f, 0.0f};

// Absolute parity picks the filters; each window row summed along the row from 0 in tap order, then those
// sums along the column.
float javaDwt97(const Input& in, int r, int c, int row0, int col0) {
    const float* fr = ((row0 + r) & 1) == 0 ? kLow : kHigh;
    const float* fc = ((col0 + c) & 1) == 0 ? kLow : kHigh;
    float sum = 0.0f;
    for (int i = 0; i < 9; i++) {
        float h = 0.0f;
        for (int j = 0; j < 9; j++) h += fc[j] * in.get(r + i - 4, c + j - 4);
        sum += fr[i] * h;
    }
    return sum;
}

void checkDwt97(int rows, int cols, int pad, int row0, int col0, bool specials, std::mt19937& rng) {
    Input in(rows, cols, 4, pad, rng, specials);
    const int dstStride = cols + pad;
    const float sentinel = -12345.0f;
    std::vector<float> dst((size_t) rows * dstStride, sentinel);
    const dim3 block = host_check::perCell(rows);
    const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
    launch(grid, block, fdwt97, in.origin(), in.stride, dst.data(), dstStride, rows, cols, row0, col0);
    const std::string at = "fdwt97 " + std::to_string(rows) + "x" + std::to_string(cols) + " at ("
            + std::to_string(row0) + "," + std::to_string(col0) + ") pad " + std::to_string(pad)
            + (specials ? " with inf/nan/subnormals" : "");
    host_check::checkCells(at, dst, rows, cols, dstStride, sentinel,
                           [&](int r, int c) { return javaDwt97(in, r, c, row0, col0); });
}

}  // namespace

HOST_CHECK(dwt, "fdwt97") {
    for (const host_check::Case& k : host_check::kTileCases) {
        for (bool specials : {false, true}) {
            checkDwt97(k.rows, k.cols, k.pad, 0, 0, specials, rng);
            checkDwt97(k.rows, k.cols, k.pad, 7, 33, specials, rng);
        }
    }
}
