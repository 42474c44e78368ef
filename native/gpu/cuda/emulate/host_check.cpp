// Runs the kernels of native/gpu/cuda on the host (cuda_threads.h) with the launch geometry the gpu device uses
// and checks them: the stencils bit for bit against the Java bodies (transcribed below, compiled with
// -ffp-contract=off like Java's fp32), Black-Scholes and the row FFT against double-precision references.
// Built and run by run.sh under AddressSanitizer; exits 1 on the first mismatch.
#include "cuda_threads.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "../stencils.cu"
#include "../blackscholes.cu"
#include "../fft.cu"
#include "../dct8x8.cu"
#include "../histogram.cu"

namespace {

int failures = 0;

void fail(const std::string& what) {
    std::fprintf(stderr, "FAIL %s\n", what.c_str());
    failures++;
}

uint32_t bits(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

// A tile's input with its halo, allocated to the last cell the ABI lets a kernel read and no further, so
// AddressSanitizer reports any read outside; stride padding is NaN, which would show in any result.
struct Input {
    int rows, cols, halo, stride;
    std::vector<float> cells;
    Input(int rows, int cols, int halo, int pad, std::mt19937& rng, bool specials)
        : rows(rows), cols(cols), halo(halo), stride(cols + 2 * halo + pad) {
        cells.assign((size_t) (rows + 2 * halo - 1) * stride + cols + 2 * halo, std::nanf(""));
        std::uniform_real_distribution<float> value(-300.0f, 300.0f);
        const float special[] = {INFINITY, -INFINITY, -0.0f, 0.0f, 1e-40f, -1e-40f, 3.4e38f, std::nanf("")};
        for (int r = 0; r < rows + 2 * halo; r++) {
            for (int c = 0; c < cols + 2 * halo; c++) {
                float v = value(rng);
                if (specials && rng() % 23 == 0) v = special[rng() % 8];
                cells[(size_t) r * stride + c] = v;
            }
        }
    }
    const float* origin() const { return cells.data() + (size_t) halo * stride + halo; }
    float get(int r, int c) const { return origin()[(ptrdiff_t) r * stride + c]; }
};

// The Java bodies of samples' Filters and the Sobel VOP, in their operation order.
float javaSharpen3(const Input& in, int r, int c) {
    static const float W[] = {0.0f, -0.25f, 0.0f, -0.25f, 2.0f, -0.25f, 0.0f, -0.25f, 0.0f};
    float sum = 0.0f;
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -1; dc <= 1; dc++) sum += W[(dr + 1) * 3 + dc + 1] * in.get(r + dr, c + dc);
    return sum;
}

float javaBlur5(const Input& in, int r, int c) {
    float sum = 0.0f;
    for (int dr = -2; dr <= 2; dr++)
        for (int dc = -2; dc <= 2; dc++) sum += in.get(r + dr, c + dc);
    return sum * (1.0f / 25.0f);
}

float javaSobel3(const Input& in, int r, int c) {
    float gx = (in.get(r - 1, c + 1) + 2.0f * in.get(r, c + 1) + in.get(r + 1, c + 1))
            - (in.get(r - 1, c - 1) + 2.0f * in.get(r, c - 1) + in.get(r + 1, c - 1));
    float gy = (in.get(r + 1, c - 1) + 2.0f * in.get(r + 1, c) + in.get(r + 1, c + 1))
            - (in.get(r - 1, c - 1) + 2.0f * in.get(r - 1, c) + in.get(r - 1, c + 1));
    return (float) std::sqrt((double) (gx * gx + gy * gy));
}

// The Java bodies of the Laplacian and mean-filter benchmarks (samples' ImageOps), in their operation order.
float javaLaplacian3(const Input& in, int r, int c) {
    return ((in.get(r - 1, c) + in.get(r + 1, c)) + (in.get(r, c - 1) + in.get(r, c + 1))) - 4.0f * in.get(r, c);
}

float javaMean3(const Input& in, int r, int c) {
    float rowSum[3];
    for (int dr = -1; dr <= 1; dr++)
        rowSum[dr + 1] = (in.get(r + dr, c - 1) + in.get(r + dr, c)) + in.get(r + dr, c + 1);
    return ((rowSum[0] + rowSum[1]) + rowSum[2]) * (1.0f / 9.0f);
}

// samples' Hotspot.cell through get(), the neighbours clamped by the host's halo like any border.
float javaHotspot(const Input& in, const Input& power, int r, int c) {
    const float t = in.get(r, c);
    const float d = ((power.get(r, c) + ((in.get(r + 1, c) + in.get(r - 1, c)) - 2.0f * t) * HOTSPOT_G)
                     + ((in.get(r, c + 1) + in.get(r, c - 1)) - 2.0f * t) * HOTSPOT_G) + (HOTSPOT_AMB - t) * HOTSPOT_GZ;
    return t + HOTSPOT_K * d;
}

// samples' Dwt97Rows per cell: absolute parity picks the filters; each window row summed along the row
// from 0 in tap order, then those sums along the column.
const float kLow[9] = {0x1.b6406cp-6f, -0x1.144d3cp-6f, -0x1.40670ap-4f, 0x1.1144d4p-2f, 0x1.34b5bcp-1f,
                       0x1.1144d4p-2f, -0x1.40670ap-4f, -0x1.144d3cp-6f, 0x1.b6406cp-6f};
const float kHigh[9] = {0.0f, 0x1.75d962p-4f, -0x1.d76586p-5f, -0x1.2ebb2cp-1f, 0x1.1d7658p0f, -0x1.2ebb2cp-1f,
                        -0x1.d76586p-5f, 0x1.75d962p-4f, 0.0f};

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

// The DCT8x8 benchmark's coefficients as samples' Dct8x8.COS computes them: a(u) cos((2x + 1) u pi / 16) in
// double, rounded once to float.
float dctCos(int u, int x) {
    const double a = std::sqrt((u == 0 ? 1.0 : 2.0) / 8);
    return (float) (a * std::cos((2 * x + 1) * u * 3.14159265358979323846 / 16));
}

// The Java body of Dct8x8.forward (Dct8x8Interior), one output cell: the row pass of the cell's block, then
// its column pass, each sum from index 0 up.
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

// samples' Srad.cell and Srad.step through get().
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

using Stencil = void (*)(const float*, int, float*, int, int, int);
using Reference = float (*)(const Input&, int, int);

// Compares dst (rows x dstStride, stride padding still the sentinel) with want(r, c) bit for bit.
template <typename Want>
void checkCells(const std::string& at, const std::vector<float>& dst, int rows, int cols, int dstStride,
                float sentinel, Want want) {
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < dstStride; c++) {
            const float got = dst[(size_t) r * dstStride + c];
            if (c >= cols) {
                if (bits(got) != bits(sentinel)) return fail(at + ": wrote stride padding at " + std::to_string(r));
                continue;
            }
            const float w = want(r, c);
            if (bits(got) != bits(w) && !(std::isnan(got) && std::isnan(w))) {
                char msg[200];
                std::snprintf(msg, sizeof msg, ": (%d,%d) got %a, Java %a", r, c, got, w);
                return fail(at + msg);
            }
        }
    }
    std::printf("ok   %s\n", at.c_str());
}

// The gpu device's "PER_CELL" block.
dim3 perCell(int rows) { return rows > 1 ? dim3{32, 8, 1} : dim3{256, 1, 1}; }

void checkStencil(const char* name, Stencil kernel, Reference reference, int halo, int rows, int cols,
                  int pad, bool specials, std::mt19937& rng) {
    Input in(rows, cols, halo, pad, rng, specials);
    const int dstStride = cols + pad;
    const float sentinel = -12345.0f;
    std::vector<float> dst((size_t) rows * dstStride, sentinel);
    const dim3 block = perCell(rows);
    const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
    launch(grid, block, kernel, in.origin(), in.stride, dst.data(), dstStride, rows, cols);
    const std::string at = std::string(name) + " " + std::to_string(rows) + "x" + std::to_string(cols)
            + " pad " + std::to_string(pad) + (specials ? " with inf/nan/subnormals" : "");
    checkCells(at, dst, rows, cols, dstStride, sentinel, [&](int r, int c) { return reference(in, r, c); });
}

// HotSpot reads a second input, the power grid, at the cell only (no halo), with its own stride.
void checkHotspot(int rows, int cols, int pad, bool specials, std::mt19937& rng) {
    Input temp(rows, cols, 1, pad, rng, specials);
    Input power(rows, cols, 0, pad + 2, rng, specials);
    const int dstStride = cols + pad;
    const float sentinel = -12345.0f;
    std::vector<float> dst((size_t) rows * dstStride, sentinel);
    const dim3 block = perCell(rows);
    const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
    launch(grid, block, hotspot, temp.origin(), temp.stride, power.origin(), power.stride, dst.data(), dstStride,
           rows, cols);
    const std::string at = "hotspot " + std::to_string(rows) + "x" + std::to_string(cols) + " pad "
            + std::to_string(pad) + (specials ? " with inf/nan/subnormals" : "");
    checkCells(at, dst, rows, cols, dstStride, sentinel, [&](int r, int c) { return javaHotspot(temp, power, r, c); });
}

// The 9/7 transform of a tile placed at (row0, col0) of an image: odd origins flip which filter a cell gets.
void checkDwt97(int rows, int cols, int pad, int row0, int col0, bool specials, std::mt19937& rng) {
    Input in(rows, cols, 4, pad, rng, specials);
    const int dstStride = cols + pad;
    const float sentinel = -12345.0f;
    std::vector<float> dst((size_t) rows * dstStride, sentinel);
    const dim3 block = perCell(rows);
    const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
    launch(grid, block, fdwt97, in.origin(), in.stride, dst.data(), dstStride, rows, cols, row0, col0);
    const std::string at = "fdwt97 " + std::to_string(rows) + "x" + std::to_string(cols) + " at ("
            + std::to_string(row0) + "," + std::to_string(col0) + ") pad " + std::to_string(pad)
            + (specials ? " with inf/nan/subnormals" : "");
    checkCells(at, dst, rows, cols, dstStride, sentinel, [&](int r, int c) { return javaDwt97(in, r, c, row0, col0); });
}

void checkDctTable() {
    for (int i = 0; i < 64; i++) {
        if (bits(DCT8_C[i]) != bits(dctCos(i / 8, i % 8))) {
            char msg[120];
            std::snprintf(msg, sizeof msg, "dct8x8's table at %d: %a, Java's %a", i, DCT8_C[i], dctCos(i / 8, i % 8));
            return fail(msg);
        }
    }
    std::printf("ok   dct8x8's 64 coefficients are Java's floats\n");
}

// A tile that is not whole 8 x 8 blocks (or a launch other than PER_CELL's 32 x 8) comes out as NaN.
void checkDctRejectsPartialBlocks(std::mt19937& rng) {
    const int shapes[][2] = {{12, 16}, {16, 12}, {1, 64}, {7, 7}};
    for (const auto& sh : shapes) {
        const int rows = sh[0], cols = sh[1];
        Input in(rows, cols, 0, 2, rng, false);
        const int dstStride = cols + 2;
        std::vector<float> dst((size_t) rows * dstStride, -1.0f);
        const dim3 block = perCell(rows);
        const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
        launch(grid, block, dct8x8, in.origin(), in.stride, dst.data(), dstStride, rows, cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < dstStride; c++) {
                const float got = dst[(size_t) r * dstStride + c];
                if (c < cols ? !std::isnan(got) : got != -1.0f)
                    return fail("dct8x8 " + std::to_string(rows) + "x" + std::to_string(cols) + ": cell (" + std::to_string(r)
                            + "," + std::to_string(c) + ") is not NaN inside or untouched outside");
            }
    }
    std::printf("ok   dct8x8 writes NaN for tiles of partial blocks\n");
}

// SRAD's two kernels; the update reads the coefficients' halo too (south and east).
void checkSrad(int rows, int cols, int pad, bool specials, std::mt19937& rng) {
    Input j(rows, cols, 1, pad, rng, specials);
    Input c(rows, cols, 1, pad + 1, rng, specials);
    const int dstStride = cols + pad;
    const float sentinel = -12345.0f;
    const dim3 block = perCell(rows);
    const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
    const std::string shape = std::to_string(rows) + "x" + std::to_string(cols) + " pad " + std::to_string(pad)
            + (specials ? " with inf/nan/subnormals" : "");
    const float q0sqr = 0.053f, lambda = 0.5f;
    std::vector<float> coeff((size_t) rows * dstStride, sentinel);
    launch(grid, block, srad_coefficient, j.origin(), j.stride, coeff.data(), dstStride, q0sqr, rows, cols);
    checkCells("srad_coefficient " + shape, coeff, rows, cols, dstStride, sentinel,
               [&](int r, int x) { return javaSradCoefficient(j, r, x, q0sqr); });
    std::vector<float> next((size_t) rows * dstStride, sentinel);
    launch(grid, block, srad_update, j.origin(), j.stride, c.origin(), c.stride, next.data(), dstStride, lambda,
           rows, cols);
    checkCells("srad_update " + shape, next, rows, cols, dstStride, sentinel,
               [&](int r, int x) { return javaSradUpdate(j, c, r, x, lambda); });
}

void checkBlackScholes(std::mt19937& rng) {
    const int n = 1000;
    std::uniform_real_distribution<float> S(5.0f, 30.0f), X(1.0f, 100.0f), T(0.25f, 10.0f);
    std::vector<float> s(n), x(n), t(n), call(n, NAN), put(n, NAN);
    for (int i = 0; i < n; i++) { s[i] = S(rng); x[i] = X(rng); t[i] = T(rng); }
    const float r = 0.02f, v = 0.30f;
    // One call over a chunk that does not fill its last block: threads past cols must write nothing.
    launch(dim3{(n - 1 + 255) / 256, 1, 1}, dim3{256, 1, 1}, blackscholes, s.data(), x.data(), t.data(), r, v,
           call.data(), put.data(), 1, n - 1);
    if (!std::isnan(call[n - 1]) || !std::isnan(put[n - 1])) return fail("blackscholes wrote past cols");
    double worst = 0;
    for (int i = 0; i < n - 1; i++) {
        // Same formulas in double: the fp32 result must be close; the CND polynomial's own error is common.
        auto cnd = [](double d) {
            const double K = 1.0 / (1.0 + 0.2316419 * std::fabs(d));
            double c = 0.39894228040143267793994605993438 * std::exp(-0.5 * d * d)
                    * (K * (0.31938153 + K * (-0.356563782 + K * (1.781477937 + K * (-1.821255978 + K * 1.330274429)))));
            return d > 0 ? 1.0 - c : c;
        };
        const double sq = std::sqrt((double) t[i]);
        const double d1 = (std::log((double) s[i] / x[i]) + (r + 0.5 * v * v) * t[i]) / (v * sq);
        const double d2 = d1 - v * sq;
        const double e = std::exp(-(double) r * t[i]);
        const double wantCall = s[i] * cnd(d1) - x[i] * e * cnd(d2);
        const double wantPut = x[i] * e * (1.0 - cnd(d2)) - s[i] * (1.0 - cnd(d1));
        // Prices near zero: measure against the option's scale (S + X), not the price itself.
        const double scale = s[i] + x[i];
        worst = std::max({worst, std::fabs(call[i] - wantCall) / scale, std::fabs(put[i] - wantPut) / scale});
    }
    if (worst > 1e-5) return fail("blackscholes: error " + std::to_string(worst) + " of S + X");
    std::printf("ok   blackscholes %d options, max |error| / (S + X) = %.2e\n", n - 1, worst);
}

// Double-precision reference: the plain DFT for short rows, a recursive FFT (checked against it) beyond.
void dft(const std::vector<double>& re, const std::vector<double>& im, std::vector<double>& outRe,
         std::vector<double>& outIm) {
    const size_t n = re.size();
    outRe.assign(n, 0);
    outIm.assign(n, 0);
    for (size_t k = 0; k < n; k++) {
        long double sr = 0, si = 0;
        for (size_t j = 0; j < n; j++) {
            const long double a = -2.0L * 3.14159265358979323846264338327950288L * (long double) ((k * j) % n) / n;
            sr += re[j] * std::cos(a) - im[j] * std::sin(a);
            si += re[j] * std::sin(a) + im[j] * std::cos(a);
        }
        outRe[k] = (double) sr;
        outIm[k] = (double) si;
    }
}

void fftRecursive(std::vector<double>& re, std::vector<double>& im) {
    const size_t n = re.size();
    if (n == 1) return;
    std::vector<double> er(n / 2), ei(n / 2), odr(n / 2), odi(n / 2);
    for (size_t i = 0; i < n / 2; i++) {
        er[i] = re[2 * i]; ei[i] = im[2 * i]; odr[i] = re[2 * i + 1]; odi[i] = im[2 * i + 1];
    }
    fftRecursive(er, ei);
    fftRecursive(odr, odi);
    for (size_t k = 0; k < n / 2; k++) {
        const double a = -2.0 * 3.14159265358979323846 * (double) k / (double) n;
        const double wr = std::cos(a), wi = std::sin(a);
        const double tr = wr * odr[k] - wi * odi[k], ti = wr * odi[k] + wi * odr[k];
        re[k] = er[k] + tr; im[k] = ei[k] + ti;
        re[k + n / 2] = er[k] - tr; im[k + n / 2] = ei[k] - ti;
    }
}

void checkFft(int n, int rows, std::mt19937& rng) {
    const int pad = 3;
    const int stride = n + pad;
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    std::vector<float> re((size_t) rows * stride, NAN), im((size_t) rows * stride + 5, NAN);
    for (int r = 0; r < rows; r++)
        for (int i = 0; i < n; i++) { re[(size_t) r * stride + i] = value(rng); im[(size_t) r * (stride + 1) + i] = value(rng); }
    const float sentinel = -7.0f;
    std::vector<float> outRe((size_t) rows * stride, sentinel), outIm((size_t) rows * stride, sentinel);
    launch(dim3{(unsigned) rows, 1, 1}, dim3{256, 1, 1}, fft_rows, re.data(), stride, im.data(), stride + 1,
           outRe.data(), stride, outIm.data(), stride, rows, n);
    const double u = std::ldexp(1.0, -24);
    const double bound = 9.0 * std::max(1, __builtin_ctz(n)) * u;
    double worst = 0;
    for (int r = 0; r < rows; r++) {
        std::vector<double> xr(n), xi(n), wr, wi;
        for (int i = 0; i < n; i++) { xr[i] = re[(size_t) r * stride + i]; xi[i] = im[(size_t) r * (stride + 1) + i]; }
        if (n <= 1024) {
            dft(xr, xi, wr, wi);
            std::vector<double> fr = xr, fi = xi;
            fftRecursive(fr, fi);
            for (int k = 0; k < n; k++)
                if (std::fabs(fr[k] - wr[k]) + std::fabs(fi[k] - wi[k]) > 1e-9 * n) return fail("the double FFT reference");
        } else {
            wr = xr; wi = xi;
            fftRecursive(wr, wi);
        }
        double err = 0, norm = 0;
        for (int k = 0; k < n; k++) {
            const double gr = outRe[(size_t) r * stride + k], gi = outIm[(size_t) r * stride + k];
            err += (gr - wr[k]) * (gr - wr[k]) + (gi - wi[k]) * (gi - wi[k]);
            norm += wr[k] * wr[k] + wi[k] * wi[k];
        }
        worst = std::max(worst, std::sqrt(err / norm));
        for (int k = n; k < stride; k++)
            if (bits(outRe[(size_t) r * stride + k]) != bits(sentinel) || bits(outIm[(size_t) r * stride + k]) != bits(sentinel))
                return fail("fft_rows N=" + std::to_string(n) + " wrote past cols");
    }
    if (!(worst <= bound)) return fail("fft_rows N=" + std::to_string(n) + ": normwise error " + std::to_string(worst));
    std::printf("ok   fft_rows N=%-5d rows %d: normwise error %.2e (bound 9 log2(N) u = %.2e)\n", n, rows, worst, bound);
}

void checkFftRejectsNonPowerOfTwo() {
    const int n = 12;
    std::vector<float> x(n, 1.0f), outRe(n, 0.0f), outIm(n, 0.0f);
    launch(dim3{1, 1, 1}, dim3{256, 1, 1}, fft_rows, x.data(), n, x.data(), n, outRe.data(), n, outIm.data(), n, 1, n);
    for (int i = 0; i < n; i++)
        if (!std::isnan(outRe[i]) || !std::isnan(outIm[i])) return fail("fft_rows N=12 did not write NaN");
    std::printf("ok   fft_rows N=12 (not a power of two) writes NaN\n");
}

// histogram256 against a plain count: pixels from -8 to 264 (some out of range on both sides), with NaN,
// infinities, -0.0, values just below 0 and 256, and runs of one value; the partial allocated to exactly
// HIST_BINS counters (AddressSanitizer sees any write past them), pixels to exactly n floats.
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
            return fail("histogram256 n=" + std::to_string(n) + " grid " + std::to_string(blocks) + " x "
                        + std::to_string(threads) + ": bin " + std::to_string(b) + " has " + std::to_string(bins[b])
                        + ", the plain count " + std::to_string(ref[b]));
        }
    }
    std::printf("ok   histogram256 n=%-6d grid %4u x %3u: all %d bins equal the plain count\n", n, blocks, threads,
                HIST_BINS);
}

}  // namespace

int main() {
    std::mt19937 rng(20240611);
    struct Case { int rows, cols, pad; };
    const Case cases[] = {{1, 1, 0}, {1, 300, 1}, {1, 256, 0}, {2, 1, 0}, {8, 32, 0}, {37, 45, 3}, {9, 33, 0}, {64, 64, 5}};
    for (const Case& k : cases) {
        for (bool specials : {false, true}) {
            checkStencil("sharpen3", sharpen3, javaSharpen3, 1, k.rows, k.cols, k.pad, specials, rng);
            checkStencil("blur5", blur5, javaBlur5, 2, k.rows, k.cols, k.pad, specials, rng);
            checkStencil("sobel3", sobel3, javaSobel3, 1, k.rows, k.cols, k.pad, specials, rng);
            checkStencil("laplacian3", laplacian3, javaLaplacian3, 1, k.rows, k.cols, k.pad, specials, rng);
            checkStencil("mean3", mean3, javaMean3, 1, k.rows, k.cols, k.pad, specials, rng);
            checkHotspot(k.rows, k.cols, k.pad, specials, rng);
            checkSrad(k.rows, k.cols, k.pad, specials, rng);
            checkDwt97(k.rows, k.cols, k.pad, 0, 0, specials, rng);
            checkDwt97(k.rows, k.cols, k.pad, 7, 33, specials, rng);
        }
    }
    // DCT8x8: whole 8 x 8 blocks only; widths that leave the last 32-thread block part empty, strides with padding.
    checkDctTable();
    const Case dctCases[] = {{8, 8, 0}, {8, 32, 0}, {16, 40, 3}, {24, 72, 1}, {64, 64, 5}, {40, 264, 0}};
    for (const Case& k : dctCases)
        for (bool specials : {false, true})
            checkStencil("dct8x8", dct8x8, javaDct8x8, 0, k.rows, k.cols, k.pad, specials, rng);
    checkDctRejectsPartialBlocks(rng);
    checkBlackScholes(rng);
    for (int n = 1; n <= 16384; n *= 2) checkFft(n, n <= 1024 ? 3 : 2, rng);
    checkFftRejectsNonPowerOfTwo();
    // One thread per pixel (the gpu device's 1-D geometry), and small grids whose threads stride.
    for (int n : {1, 255, 256, 257, 1000, 4099}) checkHistogram(n, 0, 256, rng);
    for (int n : {1, 300, 70001}) checkHistogram(n, 3, 256, rng);
    checkHistogram(5000, 2, 64, rng);  // blocks narrower than the sub-histograms: each thread zeroes several
    if (failures > 0) {
        std::fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    std::printf("all host checks passed\n");
    return 0;
}
