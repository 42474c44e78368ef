// SRAD's two kernels bit for bit against Srad.cell and Srad.step; the update reads the coefficients' halo
// too (south and east).
#include "host_check.h"

#include "dev/shmt/apps/srad/srad.cu"

namespace {

using host_check::Input;

float javaSradCoefficient(const Input& j, int r, int x, float q0sqr) {
    const float jc = j.get(r, x);
    const float dn = j.get(r - 1, x) - jc, ds = j.get(r + 1, x) - jc, dw = j.get(r, x - 1) - jc, de = j.get(r, x + 1) - jc;
    const float g2 = (((dn * dn + ds * ds) + dw * dw) + de * de) / (jc * jc);
    const float l = (((dn + ds) + dw) + de) / jc;
    const float num = 0.5f * g2 - 0.0625f * (l * l);
    const float den = 1.0f + 0.25f * l;
    const float qsqr = num / (den * den);
    const float e = (qsqr - q0sqr) / (q0sqr * (1.0f + q0sqr));
    const float k = 1.0f / (1.0f + e);
    return k < 0.0f ? 0.0f : k > 1.0f ? 1.0f : k;
}

float javaSradUpdate(const Input& j, const Input& c, int r, int x, float lambda) {
    const float jc = j.get(r, x);
    const float dn = j.get(r - 1, x) - jc, ds = j.get(r + 1, x) - jc, dw = j.get(r, x - 1) - jc, de = j.get(r, x + 1) - jc;
    const float cc = c.get(r, x), cs = c.get(r + 1, x), ce = c.get(r, x + 1);
    const float d = ((cc * dn + cs * ds) + cc * dw) + ce * de;
    return jc + (0.25f * lambda) * d;
}

void checkSrad(int rows, int cols, int pad, bool specials, std::mt19937& rng) {
    Input j(rows, cols, 1, pad, rng, specials);
    Input c(rows, cols, 1, pad + 1, rng, specials);
    const int dstStride = cols + pad;
    const float sentinel = -12345.0f;
    const dim3 block = host_check::perCell(rows);
    const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
    const std::string shape = std::to_string(rows) + "x" + std::to_string(cols) + " pad " + std::to_string(pad)
            + (specials ? " with inf/nan/subnormals" : "");
    const float q0sqr = 0.053f, lambda = 0.5f;
    std::vector<float> coeff((size_t) rows * dstStride, sentinel);
    launch(grid, block, srad_coefficient, j.origin(), j.stride, coeff.data(), dstStride, q0sqr, rows, cols);
    host_check::checkCells("srad_coefficient " + shape, coeff, rows, cols, dstStride, sentinel,
                           [&](int r, int x) { return javaSradCoefficient(j, r, x, q0sqr); });
    std::vector<float> next((size_t) rows * dstStride, sentinel);
    launch(grid, block, srad_update, j.origin(), j.stride, c.origin(), c.stride, next.data(), dstStride, lambda,
           rows, cols);
    host_check::checkCells("srad_update " + shape, next, rows, cols, dstStride, sentinel,
                           [&](int r, int x) { return javaSradUpdate(j, c, r, x, lambda); });
}

}  // namespace

HOST_CHECK(srad, "srad_coefficient srad_update") {
    for (const host_check::Case& k : host_check::kTileCases)
        for (bool specials : {false, true}) checkSrad(k.rows, k.cols, k.pad, specials, rng);
}
