// fft_rows against a double-precision DFT (an FFT, itself checked against the DFT, beyond 1024 points)
// normwise within fft.cu's bound, for every power of two up to 16384; NaN for a length that is not one.
#include "host_check.h"

#include "dev/shmt/apps/fft/fft.cu"

namespace {

using host_check::bits;

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
                if (std::fabs(fr[k] - wr[k]) + std::fabs(fi[k] - wi[k]) > 1e-9 * n) return host_check::fail("the double FFT reference");
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
                return host_check::fail("fft_rows N=" + std::to_string(n) + " wrote past cols");
    }
    if (!(worst <= bound)) return host_check::fail("fft_rows N=" + std::to_string(n) + ": normwise error " + std::to_string(worst));
    std::printf("ok   fft_rows N=%-5d rows %d: normwise error %.2e (bound 9 log2(N) u = %.2e)\n", n, rows, worst, bound);
}

}  // namespace

HOST_CHECK(fft_rows_powers_of_two, "fft_rows") {
    for (int n = 1; n <= 16384; n *= 2) checkFft(n, n <= 1024 ? 3 : 2, rng);
}

HOST_CHECK(fft_rows_other_lengths, "fft_rows") {
    (void) rng;
    const int n = 12;
    std::vector<float> x(n, 1.0f), outRe(n, 0.0f), outIm(n, 0.0f);
    launch(dim3{1, 1, 1}, dim3{256, 1, 1}, fft_rows, x.data(), n, x.data(), n, outRe.data(), n, outIm.data(), n, 1, n);
    for (int i = 0; i < n; i++)
        if (!std::isnan(outRe[i]) || !std::isnan(outIm[i])) return host_check::fail("fft_rows N=12 did not write NaN");
    std::printf("ok   fft_rows N=12 (not a power of two) writes NaN\n");
}
