// blackscholes against the same formulas in double, on a chunk that does not fill its last block.
#include "host_check.h"

#include "dev/shmt/apps/blackscholes/blackscholes.cu"

HOST_CHECK(blackscholes_prices, "blackscholes") {
    const int n = 1000;
    std::uniform_real_distribution<float> S(5.0f, 30.0f), X(1.0f, 100.0f), T(0.25f, 10.0f);
    std::vector<float> s(n), x(n), t(n), call(n, NAN), put(n, NAN);
    for (int i = 0; i < n; i++) { s[i] = S(rng); x[i] = X(rng); t[i] = T(rng); }
    const float r = 0.02f, v = 0.30f;
    // One call over a chunk that does not fill its last block: threads past cols must write nothing.
    launch(dim3{(n - 1 + 255) / 256, 1, 1}, dim3{256, 1, 1}, blackscholes, s.data(), x.data(), t.data(), r, v,
           call.data(), put.data(), 1, n - 1);
    if (!std::isnan(call[n - 1]) || !std::isnan(put[n - 1])) return host_check::fail("blackscholes wrote past cols");
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
    if (worst > 1e-5) return host_check::fail("blackscholes: error " + std::to_string(worst) + " of S + X");
    std::printf("ok   blackscholes %d options, max |error| / (S + X) = %.2e\n", n - 1, worst);
}
