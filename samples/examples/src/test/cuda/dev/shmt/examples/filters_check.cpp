// Filters' sharpen3 and blur5 bit for bit against the Java bodies of Filters, in their operation order.
#include "host_check.h"

#include "dev/shmt/examples/filters.cu"

namespace {

using host_check::Input;

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

}  // namespace

HOST_CHECK(filters, "sharpen3 blur5") {
    host_check::checkStencilCases("sharpen3", sharpen3, javaSharpen3, 1, rng);
    host_check::checkStencilCases("blur5", blur5, javaBlur5, 2, rng);
}
