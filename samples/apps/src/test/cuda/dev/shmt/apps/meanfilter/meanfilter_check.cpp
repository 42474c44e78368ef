// mean3 bit for bit against the Java body of the mean-filter benchmark (ImageOps), in its operation order.
#include "host_check.h"

#include "dev/shmt/apps/meanfilter/meanfilter.cu"

namespace {

float javaMean3(const host_check::Input& in, int r, int c) {
    float rowSum[3];
    for (int dr = -1; dr <= 1; dr++)
        rowSum[dr + 1] = (in.get(r + dr, c - 1) + in.get(r + dr, c)) + in.get(r + dr, c + 1);
    return ((rowSum[0] + rowSum[1]) + rowSum[2]) * (1.0f / 9.0f);
}

}  // namespace

HOST_CHECK(meanfilter, "mean3") { host_check::checkStencilCases("mean3", mean3, javaMean3, 1, rng); }
