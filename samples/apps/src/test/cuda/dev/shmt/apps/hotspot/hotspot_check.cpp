// hotspot bit for bit against Hotspot.cell, which reads a second input, the power grid, at the cell only
// (no halo) with its own stride.
#include "host_check.h"

#include "dev/shmt/apps/hotspot/hotspot.cu"

namespace {

using host_check::Input;

// Hotspot.cell through get(), the neighbours clamped by the host's halo like any border.
float javaHotspot(const Input& in, const Input& power, int r, int c) {
    const float t = in.get(r, c);
    const float d = ((power.get(r, c) + ((in.get(r + 1, c) + in.get(r - 1, c)) - 2.0f * t) * HOTSPOT_G)
                     + ((in.get(r, c + 1) + in.get(r, c - 1)) - 2.0f * t) * HOTSPOT_G) + (HOTSPOT_AMB - t) * HOTSPOT_GZ;
    return t + HOTSPOT_K * d;
}

void checkHotspot(int rows, int cols, int pad, bool specials, std::mt19937& rng) {
    Input temp(rows, cols, 1, pad, rng, specials);
    Input power(rows, cols, 0, pad + 2, rng, specials);
    const int dstStride = cols + pad;
    const float sentinel = -12345.0f;
    std::vector<float> dst((size_t) rows * dstStride, sentinel);
    const dim3 block = host_check::perCell(rows);
    const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
    launch(grid, block, hotspot, temp.origin(), temp.stride, power.origin(), power.stride, dst.data(), dstStride,
           rows, cols);
    const std::string at = "hotspot " + std::to_string(rows) + "x" + std::to_string(cols) + " pad "
            + std::to_string(pad) + (specials ? " with inf/nan/subnormals" : "");
    host_check::checkCells(at, dst, rows, cols, dstStride, sentinel,
                           [&](int r, int c) { return javaHotspot(temp, power, r, c); });
}

}  // namespace

HOST_CHECK(hotspot_step, "hotspot") {
    for (const host_check::Case& k : host_check::kTileCases)
        for (bool specials : {false, true}) checkHotspot(k.rows, k.cols, k.pad, specials, rng);
}
